import type { HttpRequest, HttpResponse, HttpStack } from 'tus-js-client';

/**
 * tus-js-client over fetch. Its browser stack uses XMLHttpRequest, which a service worker does
 * not have, and Background Sync runs uploads there; fetch is also what Node's tests speak.
 * fetch reports no upload progress, so a request reports its bytes when it is answered: with
 * chunks of 64–256 KB that is fine-grained enough for the progress line.
 */
export function fetchHttpStack(fetchImpl: typeof fetch = (input, init) => fetch(input, init)): HttpStack {
  return {
    getName: () => 'fetch',
    createRequest(method, url) {
      const headers = new Headers();
      const controller = new AbortController();
      let onProgress: (bytesSent: number) => void = () => {};
      const request: HttpRequest = {
        getMethod: () => method,
        getURL: () => url,
        setHeader: (name, value) => headers.set(name, value),
        getHeader: (name) => headers.get(name) ?? undefined,
        setProgressHandler: (handler) => (onProgress = handler),
        async send(body?: Blob | null) {
          // Same-origin requests carry the session cookie; the server checks it on every request.
          const response = await fetchImpl(url, { method, headers, body: body ?? null, signal: controller.signal, credentials: 'same-origin' });
          const text = await response.text();
          if (body) onProgress(body.size);
          return fetchResponse(response, text);
        },
        async abort() {
          controller.abort();
        },
        getUnderlyingObject: () => controller,
      };
      return request;
    },
  };
}

function fetchResponse(response: Response, body: string): HttpResponse {
  return {
    getStatus: () => response.status,
    getHeader: (name) => response.headers.get(name) ?? undefined,
    getBody: () => body,
    getUnderlyingObject: () => response,
  };
}

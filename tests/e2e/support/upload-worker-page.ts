/** Starts the upload worker and hands back its report. */
declare global {
  interface Window {
    uploadInWorker(size: number): Promise<unknown>;
  }
}

window.uploadInWorker = (size) =>
  new Promise((resolve) => {
    const worker = new Worker(new URL('./upload-worker.ts', import.meta.url), { type: 'module' });
    worker.onmessage = (event) => resolve(event.data);
    worker.postMessage({ size });
  });

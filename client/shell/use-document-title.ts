import { useEffect } from 'preact/hooks';

/** Screen readers announce the new title after client-side navigation, like a page load. */
export function useDocumentTitle(title: string): void {
  useEffect(() => {
    document.title = `${title} — JMO Lite`;
  }, [title]);
}

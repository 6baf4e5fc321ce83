import { lazy } from 'preact-iso';

/** The documents step in its own chunk (with the shrink worker's starter): the home screen does not carry it. */
export const LazyDocumentsStep = lazy(() => import('./DocumentsStep.tsx').then((module) => module.DocumentsStep));

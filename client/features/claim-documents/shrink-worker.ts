import { expose } from 'comlink';
import { shrinkImage } from './shrink-image.ts';

const api = { shrinkImage };
export type ShrinkApi = typeof api;

expose(api);

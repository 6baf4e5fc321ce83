/** A configuration problem that ends start-up with one clear line and a non-zero exit. */
export class StartupError extends Error {
  override name = 'StartupError';
}

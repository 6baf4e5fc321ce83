/** The same page bytes in the browser and in the test, so the server's copy can be compared. */
export const pageBytes = (size: number) => Uint8Array.from({ length: size }, (_, i) => (i * 7919) % 251);

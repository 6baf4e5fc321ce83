import { encode } from 'uqr';

/**
 * One SVG path for all dark modules (a row of dark modules becomes one run), far smaller than
 * a <rect> per module. `border` is the quiet zone scanners need around the code.
 */
export function qrPath(text: string, border = 4): { path: string; size: number } {
  const { data, size } = encode(text, { ecc: 'M', border });
  let path = '';
  data.forEach((row, y) => {
    let x = 0;
    while (x < size) {
      if (!row[x]) {
        x++;
        continue;
      }
      const start = x;
      while (x < size && row[x]) x++;
      path += `M${start} ${y}h${x - start}v1h-${x - start}z`;
    }
  });
  return { path, size };
}

// Inline SVG paths instead of an icon font: a few hundred bytes, no extra request, works offline.
const icon = (path: string) =>
  function NavIcon() {
    return (
      <svg viewBox="0 0 24 24" aria-hidden="true" focusable="false" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round">
        <path d={path} />
      </svg>
    );
  };

export const navIcons = {
  home: icon('M3 11l9-8 9 8M5 10v10h5v-6h4v6h5V10'),
  claims: icon('M7 3h7l5 5v13H7zM14 3v5h5M10 13h6M10 17h6'),
  services: icon('M4 5h16v4H4zM4 13h7v6H4zM14 13h6v6h-6z'),
  account: icon('M12 12a4 4 0 100-8 4 4 0 000 8zM4 21a8 8 0 0116 0'),
  settings: icon('M12 15a3 3 0 100-6 3 3 0 000 6zM19 12l2-1-1-3-2 .2-1.3-1.3L17 5l-3-1-1 2h-2L10 4 7 5l.3 1.9L6 8.2 4 8 3 11l2 1-2 1 1 3 2-.2 1.3 1.3L7 19l3 1 1-2h2l1 2 3-1-.3-1.9 1.3-1.3 2 .2 1-3z'),
} as const;

export type NavIconName = keyof typeof navIcons;

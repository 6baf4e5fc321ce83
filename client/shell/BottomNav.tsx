import { useLocation } from 'preact-iso';
import { useText } from '../i18n/language.ts';
import { shellText } from './shell-text.ts';
import { navIcons, type NavIconName } from './nav-icons.tsx';

interface NavItem {
  href: string;
  icon: NavIconName;
  label: (t: typeof shellText.id) => string;
}

const items: NavItem[] = [
  { href: '/', icon: 'home', label: (t) => t.nav.home },
  { href: '/klaim', icon: 'claims', label: (t) => t.nav.claims },
  { href: '/layanan', icon: 'services', label: (t) => t.nav.services },
  { href: '/akun', icon: 'account', label: (t) => t.nav.account },
];

function isCurrent(href: string, path: string): boolean {
  return href === '/' ? path === '/' : path === href || path.startsWith(`${href}/`);
}

export function BottomNav() {
  const t = useText(shellText);
  const { path } = useLocation();
  return (
    <nav class="bottom-nav" aria-label={t.navLabel}>
      {items.map((item) => {
        const Icon = navIcons[item.icon];
        return (
          <a key={item.href} href={item.href} aria-current={isCurrent(item.href, path) ? 'page' : undefined}>
            <Icon />
            <span>{item.label(t)}</span>
          </a>
        );
      })}
    </nav>
  );
}

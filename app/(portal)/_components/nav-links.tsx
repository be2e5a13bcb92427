'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';

/** `match`: the path prefix that marks the item current, when it differs from `href`. */
export type NavItem = { href: string; label: string; match?: string };

/** Navigation links with the current page marked (`aria-current`). */
export function NavLinks({ items, direction = 'responsive' }: { items: NavItem[]; direction?: 'responsive' | 'row' }) {
  const pathname = usePathname();
  return (
    <ul className={direction === 'row' ? 'flex flex-wrap gap-1' : 'flex flex-col gap-1 md:flex-row md:flex-wrap'}>
      {items.map((item) => {
        const base = item.match ?? item.href;
        const current = base === '/' ? pathname === '/' : pathname === base || pathname.startsWith(`${base}/`);
        return (
          <li key={item.href}>
            <Link
              href={item.href}
              aria-current={current ? 'page' : undefined}
              className="flex min-h-11 items-center rounded-lg px-3 font-semibold text-stone-700 hover:bg-stone-100 aria-[current=page]:bg-brand-50 aria-[current=page]:text-brand-800"
            >
              {item.label}
            </Link>
          </li>
        );
      })}
    </ul>
  );
}

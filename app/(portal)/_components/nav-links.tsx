'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';

export type NavItem = { href: string; label: string };

/** Navigation links with the current page marked (`aria-current`). */
export function NavLinks({ items }: { items: NavItem[] }) {
  const pathname = usePathname();
  return (
    <ul className="flex flex-col gap-1 md:flex-row md:flex-wrap">
      {items.map((item) => {
        const current = item.href === '/' ? pathname === '/' : pathname === item.href || pathname.startsWith(`${item.href}/`);
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

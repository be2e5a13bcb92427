'use client';

import { useTranslations } from 'next-intl';
import { useCallback, useEffect, useRef, useState } from 'react';
import { buttonStyles } from '@/app/_components/ui/styles';

type Page = { page: number; width: number; height: number };
type Props = { recordId: string; version: number; title: string; pages: Page[] };

const ZOOMS = [1, 1.5, 2, 3] as const;
const SWIPE_PX = 60;

/**
 * The document's page images, one page at a time, for tablets: big previous/next buttons, swipe
 * left/right, arrow keys, zoom steps (double-tap toggles) with the zoomed page panned by scrolling
 * or dragging. Images come from the preview route (no-store); the next page is fetched ahead.
 */
export function RecordViewer({ recordId, version, title, pages }: Props) {
  const t = useTranslations('archive.viewer');
  const [index, setIndex] = useState(0);
  const [zoom, setZoom] = useState<(typeof ZOOMS)[number]>(1);
  const start = useRef<{ x: number; y: number } | null>(null);
  const lastTap = useRef(0);
  const total = pages.length;
  const current = pages[index]!;
  const src = (page: number) => `/api/v1/documents/${recordId}/previews/${page}?version=${version}`;

  const go = useCallback((next: number) => setIndex(Math.min(total - 1, Math.max(0, next))), [total]);

  useEffect(() => {
    const next = pages[index + 1];
    if (next) new Image().src = src(next.page);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- src depends only on stable props
  }, [index, pages]);

  const onKeyDown = (event: React.KeyboardEvent) => {
    if (event.key === 'ArrowRight' || event.key === 'PageDown') go(index + 1);
    else if (event.key === 'ArrowLeft' || event.key === 'PageUp') go(index - 1);
    else if (event.key === '+' || event.key === '=') setZoom((z) => ZOOMS[Math.min(ZOOMS.length - 1, ZOOMS.indexOf(z) + 1)]!);
    else if (event.key === '-') setZoom((z) => ZOOMS[Math.max(0, ZOOMS.indexOf(z) - 1)]!);
    else return;
    event.preventDefault();
  };

  // Swipes turn pages only at fit size; zoomed in, a drag pans the page (native scrolling).
  const onPointerDown = (event: React.PointerEvent) => {
    if (zoom === 1) start.current = { x: event.clientX, y: event.clientY };
  };
  const onPointerUp = (event: React.PointerEvent) => {
    const from = start.current;
    start.current = null;
    if (from) {
      const dx = event.clientX - from.x;
      const dy = event.clientY - from.y;
      if (Math.abs(dx) > SWIPE_PX && Math.abs(dx) > 2 * Math.abs(dy)) {
        go(index + (dx < 0 ? 1 : -1));
        return;
      }
    }
    const now = Date.now();
    if (event.pointerType === 'touch' && now - lastTap.current < 300) setZoom((z) => (z === 1 ? 2 : 1));
    lastTap.current = now;
  };

  const zoomIndex = ZOOMS.indexOf(zoom);
  return (
    <div className="grid gap-3">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <div className="flex gap-2">
          <button type="button" className={buttonStyles.secondary} onClick={() => go(index - 1)} disabled={index === 0}>
            ‹ {t('previous')}
          </button>
          <button type="button" className={buttonStyles.secondary} onClick={() => go(index + 1)} disabled={index === total - 1}>
            {t('next')} ›
          </button>
        </div>
        <p className="font-semibold" aria-live="polite">
          {t('pageOf', { page: index + 1, total })}
        </p>
        <div className="flex gap-2">
          <button type="button" className={buttonStyles.secondary} onClick={() => setZoom(ZOOMS[Math.max(0, zoomIndex - 1)]!)} disabled={zoomIndex === 0} aria-label={t('zoomOut')}>
            −
          </button>
          <button type="button" className={buttonStyles.secondary} onClick={() => setZoom(1)} disabled={zoom === 1}>
            {t('fit')}
          </button>
          <button type="button" className={buttonStyles.secondary} onClick={() => setZoom(ZOOMS[Math.min(ZOOMS.length - 1, zoomIndex + 1)]!)} disabled={zoomIndex === ZOOMS.length - 1} aria-label={t('zoomIn')}>
            +
          </button>
        </div>
      </div>
      <div
        role="region"
        aria-roledescription="carousel"
        aria-label={t('region', { page: index + 1, total })}
        tabIndex={0}
        onKeyDown={onKeyDown}
        onPointerDown={onPointerDown}
        onPointerUp={onPointerUp}
        onPointerCancel={() => (start.current = null)}
        className="max-h-[80vh] overflow-auto rounded-lg border border-stone-300 bg-stone-100 focus-visible:outline focus-visible:outline-2 focus-visible:outline-brand-700"
        style={{ touchAction: zoom === 1 ? 'pan-y pinch-zoom' : 'pan-x pan-y pinch-zoom' }}
        data-testid="record-viewer"
      >
        {/* eslint-disable-next-line @next/next/no-img-element -- a private, uncached image route, not a static asset */}
        <img
          key={current.page}
          src={src(current.page)}
          width={current.width}
          height={current.height}
          alt={t('imageAlt', { page: current.page, title })}
          draggable={false}
          className="mx-auto block h-auto max-w-none select-none bg-white"
          style={{ width: `${zoom * 100}%` }}
        />
      </div>
      <p className="text-sm text-stone-600">
        {t('zoomLevel', { percent: Math.round(zoom * 100) })} · {t('swipeHint')}
      </p>
      {total > 2 && (
        <label className="flex items-center gap-2">
          <span className="font-semibold">{t('goTo')}</span>
          <select value={index} onChange={(e) => go(Number(e.target.value))} className="min-h-11 rounded-lg border border-stone-300 bg-white px-3">
            {pages.map((p, i) => (
              <option key={p.page} value={i}>
                {p.page}
              </option>
            ))}
          </select>
        </label>
      )}
    </div>
  );
}

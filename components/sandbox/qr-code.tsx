import 'server-only';

/** A QR code rendered server-side as an SVG string by the `qrcode` package (our own output, not user HTML). */
export function QrCode({ svg, label }: { svg: string; label: string }) {
  return (
    <div
      role="img"
      aria-label={label}
      className="mx-auto w-44 rounded-lg bg-white p-2 ring-1 ring-zinc-200 dark:ring-zinc-700 [&_svg]:h-auto [&_svg]:w-full"
      dangerouslySetInnerHTML={{ __html: svg }}
    />
  );
}

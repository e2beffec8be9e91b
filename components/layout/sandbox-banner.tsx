export function SandboxBanner({ text }: { text: string }) {
  return (
    <div role="note" data-testid="sandbox-banner" className="bg-amber-300 px-4 py-2 text-center text-sm font-semibold text-amber-950">
      {text}
    </div>
  );
}

// Placeholder until the page lands; replaced by its owner.
export function PreviewPage() {
  return <div>preview</div>;
}

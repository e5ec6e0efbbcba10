// Placeholder until the page lands; replaced by its owner.
export function LinksPage() {
  return <div>links</div>;
}

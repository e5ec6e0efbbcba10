// Placeholder until the page lands; replaced by its owner.
export function RunsPage() {
  return <div>runs</div>;
}

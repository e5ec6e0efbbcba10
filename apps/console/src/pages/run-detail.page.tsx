// Placeholder until the page lands; replaced by its owner.
export function RunDetailPage() {
  return <div>run-detail</div>;
}

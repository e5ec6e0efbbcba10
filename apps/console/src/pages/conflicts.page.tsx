// Placeholder until the page lands; replaced by its owner.
export function ConflictsPage() {
  return <div>conflicts</div>;
}

// Placeholder until the page lands; replaced by its owner.
export function MappingsPage() {
  return <div>mappings</div>;
}

/** Ends an exhaustive switch: adding a member to a union without handling it becomes a type error. */
export function assertUnreachable(value: never, what = 'value'): never {
  throw new Error(`Unhandled ${what}: ${JSON.stringify(value)}`);
}

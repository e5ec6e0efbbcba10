/** One call as the emulator saw it, for tests that count vendor writes. */
export interface LoggedRequest {
  readonly at: number;
  readonly method: string;
  /** The path without the query string (tokens travel there on WeCom). */
  readonly path: string;
  readonly status: number;
  /** The vendor code the emulator answered with (Feishu `code`, WeCom `errcode`). */
  readonly code: number | null;
  /** Set when the call was answered by an injected fault. */
  readonly fault: string | null;
}

export class RequestLog {
  private entries: LoggedRequest[] = [];

  record(entry: LoggedRequest): void {
    this.entries.push(entry);
  }

  list(): readonly LoggedRequest[] {
    return this.entries;
  }

  clear(): void {
    this.entries = [];
  }
}

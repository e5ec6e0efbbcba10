import { theme } from 'antd';
import { type CSSProperties, type ReactNode, useEffect, useRef } from 'react';
import { childPath, type DiffEntry, type DiffKind, diffKindAt } from '../pages/preview-diff';

/** Which differences a pane marks: the current record its removals and changes, the written one its additions and changes. */
export type JsonPane = 'before' | 'after';

const MARK: Record<DiffKind, string> = { added: '+', removed: '−', changed: '~' };

interface Line {
  readonly path: string;
  readonly depth: number;
  readonly text: string;
}

/** Pretty-printed JSON, one line per field, each knowing the path it shows (closing brackets share the opener's). */
function jsonLines(value: unknown, path: string, depth: number, prefix: string, comma: string, out: Line[]): void {
  const isArray = Array.isArray(value);
  if (value !== null && typeof value === 'object') {
    const entries: [string | number, unknown][] = isArray
      ? (value as unknown[]).map((item, index) => [index, item])
      : Object.entries(value as Record<string, unknown>);
    const [open, close] = isArray ? ['[', ']'] : ['{', '}'];
    if (entries.length === 0) {
      out.push({ path, depth, text: `${prefix}${open}${close}${comma}` });
      return;
    }
    out.push({ path, depth, text: `${prefix}${open}` });
    entries.forEach(([key, item], index) => {
      const childPrefix = typeof key === 'number' ? '' : `${JSON.stringify(key)}: `;
      jsonLines(item, childPath(path, key), depth + 1, childPrefix, index < entries.length - 1 ? ',' : '', out);
    });
    out.push({ path, depth, text: `${close}${comma}` });
    return;
  }
  out.push({ path, depth, text: `${prefix}${value === undefined ? 'null' : JSON.stringify(value)}${comma}` });
}

/**
 * A JSON value as text, with the lines of `diff`'s paths highlighted for `pane` (colour and a +/~/− mark, so
 * the change does not rest on colour alone). Scrollable and focusable, so a keyboard can scroll it.
 */
export function PreviewJson(props: {
  readonly value: unknown;
  readonly label: string;
  readonly diff?: readonly DiffEntry[];
  readonly pane?: JsonPane;
  readonly maxHeight?: number;
}): ReactNode {
  const { token } = theme.useToken();
  const ref = useRef<HTMLPreElement>(null);
  const lines: Line[] = [];
  jsonLines(props.value, '', 0, '', '', lines);
  const shown = (props.diff ?? []).filter((entry) =>
    props.pane === 'before' ? entry.kind !== 'added' : entry.kind !== 'removed',
  );
  const firstMarked = shown.length > 0 ? lines.findIndex((line) => diffKindAt(shown, line.path)) : -1;
  // Open on the first change: a long record would otherwise hide it below the fold of its pane.
  useEffect(() => {
    const pre = ref.current;
    const line = firstMarked >= 0 ? pre?.children[firstMarked] : undefined;
    if (pre && line instanceof HTMLElement) pre.scrollTop = Math.max(0, line.offsetTop - pre.offsetTop - 36);
  }, [firstMarked]);
  const background: Record<DiffKind, string> = {
    added: token.colorSuccessBg,
    changed: token.colorWarningBg,
    removed: token.colorErrorBg,
  };
  const style: CSSProperties = {
    margin: 0,
    padding: '8px 0',
    maxHeight: props.maxHeight ?? 420,
    overflow: 'auto',
    fontFamily: token.fontFamilyCode,
    fontSize: 12,
    lineHeight: '18px',
    background: token.colorFillQuaternary,
    border: `1px solid ${token.colorBorderSecondary}`,
    borderRadius: token.borderRadius,
  };
  return (
    <pre ref={ref} tabIndex={0} aria-label={props.label} style={{ ...style, position: 'relative' }}>
      {lines.map((line, index) => {
        const kind = shown.length > 0 ? diffKindAt(shown, line.path) : undefined;
        return (
          <div
            key={index}
            data-path={line.path}
            data-diff={kind}
            style={{ background: kind ? background[kind] : undefined, paddingInline: 8, whiteSpace: 'pre' }}
          >
            <span aria-hidden style={{ display: 'inline-block', width: 14, color: token.colorTextSecondary }}>
              {kind ? MARK[kind] : ' '}
            </span>
            {'  '.repeat(line.depth)}
            {line.text}
          </div>
        );
      })}
    </pre>
  );
}

import { Tag, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import type { components } from '../api/schema';

export type LinkStatus = components['schemas']['LinkStatus'];

/** Every link state, in the order HR reads them (filters list them so). */
export const LINK_STATUSES: readonly LinkStatus[] = [
  'active',
  'failed',
  'conflict',
  'pending',
  'source_missing',
  'target_missing',
  'unlinked',
];

const COLORS: Record<LinkStatus, string> = {
  active: 'success',
  failed: 'error',
  conflict: 'warning',
  pending: 'processing',
  source_missing: 'default',
  target_missing: 'default',
  unlinked: 'default',
};

/** A link's state as HR reads it, with a short explanation on hover and keyboard focus. */
export function LinkStatusTag({ status }: { status: LinkStatus }) {
  const { t } = useTranslation('links');
  const help = t(`statusHelp.${status}`);
  return (
    <Tooltip title={help} trigger={['hover', 'focus']}>
      {/* Focusable, so the explanation is reachable by keyboard; the label carries it for screen readers. */}
      <Tag color={COLORS[status]} tabIndex={0} aria-label={`${t(`status.${status}`)}: ${help}`} data-status={status}>
        {t(`status.${status}`)}
      </Tag>
    </Tooltip>
  );
}

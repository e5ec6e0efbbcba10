import { Space, Spin, Tag, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink } from 'react-router';
import type { components } from '../api/schema';
import type { CheckState, LinkCheck } from '../pages/link-check';

type Link = components['schemas']['LinkDto'];

const COLORS: Record<CheckState, string> = {
  in_sync: 'success',
  drifted: 'magenta',
  source_changed: 'processing',
  would_create: 'cyan',
  failing: 'error',
  skipped: 'warning',
};

/**
 * What the last check of a link found (a dry run of its source), beside its stored status: the state with its
 * explanation on hover and keyboard focus, when it was checked, which way a two-way link was checked, the error
 * of a failing or skipped one, and the dry run itself.
 */
export function LinkCheckResult({
  link,
  check,
  checking,
  dateTime,
}: {
  link: Link;
  check: LinkCheck | undefined;
  checking: boolean;
  dateTime: Intl.DateTimeFormat;
}) {
  const { t } = useTranslation('links');
  if (checking) {
    return (
      <Space size={6} role="status">
        <Spin size="small" />
        <Typography.Text type="secondary">{t('check.checking')}</Typography.Text>
      </Space>
    );
  }
  if (check === undefined) return <Typography.Text type="secondary">{t('check.notChecked')}</Typography.Text>;
  const help = t(`check.help.${check.state}`);
  const label = t(`check.state.${check.state}`);
  return (
    <Space orientation="vertical" size={2}>
      <Tooltip title={help} trigger={['hover', 'focus']}>
        <Tag color={COLORS[check.state]} tabIndex={0} aria-label={`${label}: ${help}`} data-check-state={check.state}>
          {label}
        </Tag>
      </Tooltip>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('check.checkedAt')} <time dateTime={check.checkedAt}>{dateTime.format(new Date(check.checkedAt))}</time>
        {' · '}
        <RouterLink to={`/runs/${check.runId}`}>{t('check.openRun')}</RouterLink>
      </Typography.Text>
      {link.direction === 'two_way' && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('check.twoWay', { direction: t(`common:direction.${check.direction}`) })}
        </Typography.Text>
      )}
      {check.error !== undefined && (
        <Typography.Paragraph
          type={check.state === 'failing' ? 'danger' : 'warning'}
          style={{ marginBottom: 0, fontSize: 12 }}
          ellipsis={{ rows: 3, expandable: 'collapsible' }}
        >
          {check.error}
        </Typography.Paragraph>
      )}
    </Space>
  );
}

import { Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { ACTION_COLORS, ACTIONS, type Run } from '../pages/runs-model';

/** A run's summary: one tag per action with its count; the zero counts are left out unless `all`. */
export function RunCounts({ summary, all = false }: { summary: Run['summary']; all?: boolean }) {
  const { t } = useTranslation('runs');
  const shown = ACTIONS.filter((action) => all || summary[action] > 0);
  if (shown.length === 0) return <Typography.Text type="secondary">{t('noItems')}</Typography.Text>;
  return (
    <Space size={4} wrap>
      {shown.map((action) => (
        <Tag
          key={action}
          color={summary[action] > 0 ? ACTION_COLORS[action] : 'default'}
          style={{ marginInlineEnd: 0 }}
        >
          {t(`common:action.${action}`)} {summary[action]}
        </Tag>
      ))}
    </Space>
  );
}

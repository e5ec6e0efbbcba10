import { Space, Tag, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import { type RunStatus, STATUS_COLORS } from '../pages/runs-model';

/** A run's status as a coloured tag, and a "dry run" tag beside it when nothing was written. */
export function RunStatusTag({ status, dryRun }: { status: RunStatus; dryRun: boolean }) {
  const { t } = useTranslation('runs');
  return (
    <Space size={4} wrap>
      <Tag color={STATUS_COLORS[status]} style={{ marginInlineEnd: 0 }}>
        {t(`common:runStatus.${status}`)}
      </Tag>
      {dryRun && (
        <Tooltip title={t('dryRunHelp')}>
          <Tag
            color="purple"
            variant="outlined"
            style={{ marginInlineEnd: 0 }}
            tabIndex={0}
            aria-label={t('dryRunHelp')}
          >
            {t('dryRun')}
          </Tag>
        </Tooltip>
      )}
    </Space>
  );
}

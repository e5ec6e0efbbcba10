import { Card, Col, Row, Space, Tabs, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { MappingTable } from '../components/mapping-table';
import { MappingUnmapped } from '../components/mapping-unmapped';
import { MappingUploadPanel } from '../components/mapping-upload-panel';
import type { MappingKind } from './mapping-file';

const KINDS: readonly MappingKind[] = ['users', 'departments'];

/**
 * The id mappings: one tab per table (users, departments), each searchable and paged, with a CSV/XLSX upload
 * checked in the browser before one all-or-nothing PUT; below, the ids recent runs met but could not map.
 * The open tab is in the URL (`?tab=departments`), so a link can point at it.
 */
export function MappingsPage() {
  const { t } = useTranslation('mappings');
  const [params, setParams] = useSearchParams();
  const tab: MappingKind = params.get('tab') === 'departments' ? 'departments' : 'users';

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <div>
        <Typography.Title level={2} style={{ marginTop: 0 }}>
          {t('heading')}
        </Typography.Title>
        <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
          {t('intro')}
        </Typography.Paragraph>
      </div>
      <Card>
        <Tabs
          activeKey={tab}
          onChange={(key) => setParams(key === 'users' ? {} : { tab: key }, { replace: true })}
          items={KINDS.map((kind) => ({
            key: kind,
            label: t(`tabs.${kind}`),
            children: (
              // Side by side from 1200 px (the console's 1280 px laptop), stacked below.
              <Row gutter={[32, 24]}>
                <Col xs={24} xl={14}>
                  <MappingTable kind={kind} />
                </Col>
                <Col xs={24} xl={10}>
                  <MappingUploadPanel kind={kind} />
                </Col>
              </Row>
            ),
          }))}
        />
      </Card>
      <Card>
        <MappingUnmapped />
      </Card>
    </Space>
  );
}

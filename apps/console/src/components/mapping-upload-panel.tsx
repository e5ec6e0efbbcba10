import { UploadOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Space, Table, Typography, Upload } from 'antd';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiRequestError } from '../api/client';
import { putMappings, type UpsertCounts } from '../pages/mapping-api';
import {
  type FileProblem,
  gatewayProblems,
  MAPPING_COLUMNS,
  MAX_ROWS_PER_UPLOAD,
  MAX_VENDOR_ID_LENGTH,
  type MappingKind,
  parseMappingFile,
  SIDES,
} from '../pages/mapping-file';
import { readUploadedSheet } from '../pages/mapping-upload';

type UploadState =
  | { readonly status: 'idle' }
  | { readonly status: 'reading' | 'sending'; readonly name: string; readonly count?: number }
  | { readonly status: 'done'; readonly name: string; readonly counts: UpsertCounts }
  | {
      readonly status: 'refused';
      readonly name: string;
      readonly problems: FileProblem[];
      readonly httpStatus?: number;
    }
  | { readonly status: 'failed'; readonly name: string; readonly message: string };

const ACCEPT = '.csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * Upload of one mapping table from a CSV or XLSX file: read and checked in the browser, every problem listed by
 * file row and column; only a clean file is PUT, as one batch (all rows or none), and the gateway's counts shown.
 */
export function MappingUploadPanel({ kind }: { kind: MappingKind }) {
  const { t } = useTranslation('mappings');
  const queryClient = useQueryClient();
  const [state, setState] = useState<UploadState>({ status: 'idle' });
  const headingId = useId();
  const busy = state.status === 'reading' || state.status === 'sending';

  async function upload(file: File) {
    const name = file.name;
    setState({ status: 'reading', name });
    const read = await readUploadedSheet(file);
    if ('problem' in read) {
      setState({ status: 'refused', name, problems: [read.problem] });
      return;
    }
    const parsed = parseMappingFile(kind, read.sheet);
    if (parsed.errors.length > 0) {
      setState({ status: 'refused', name, problems: parsed.errors });
      return;
    }
    setState({ status: 'sending', name, count: parsed.rows.length });
    try {
      const counts = await putMappings(kind, parsed.rows);
      setState({ status: 'done', name, counts });
    } catch (error) {
      if (error instanceof ApiRequestError && (error.status === 400 || error.status === 409)) {
        const problems = gatewayProblems(kind, error.messages, parsed);
        setState({ status: 'refused', name, problems, httpStatus: error.status });
      } else {
        setState({ status: 'failed', name, message: error instanceof Error ? error.message : String(error) });
      }
    } finally {
      // Even a refused batch may have raced another writer: the tables are read again either way.
      await queryClient.invalidateQueries({ queryKey: ['mappings'] });
    }
  }

  const columnLabels = SIDES.map((side) => ({
    side,
    label: t(`columns.${kind}.${side}`),
    headers: MAPPING_COLUMNS[kind].headers[side],
  }));

  return (
    <section aria-labelledby={headingId}>
      <Typography.Title level={4} id={headingId} style={{ marginTop: 0 }}>
        {t('upload.title')}
      </Typography.Title>
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        <Typography.Paragraph style={{ marginBottom: 0 }}>
          {t('upload.help')}
          <ul style={{ marginBlock: 4 }}>
            {columnLabels.map(({ side, label, headers }) => (
              <li key={side}>
                {t('upload.helpColumn', { side: label })}
                {headers.map((header, index) => (
                  <span key={header}>
                    {index > 0 && ' / '}
                    <Typography.Text code>{header}</Typography.Text>
                  </span>
                ))}
              </li>
            ))}
          </ul>
          <Typography.Text type="secondary">
            {t('upload.helpRules', {
              max: MAX_VENDOR_ID_LENGTH,
              rows: MAX_ROWS_PER_UPLOAD.toLocaleString(),
            })}
          </Typography.Text>
        </Typography.Paragraph>
        <Upload
          accept={ACCEPT}
          showUploadList={false}
          disabled={busy}
          beforeUpload={(file) => {
            void upload(file);
            return false;
          }}
        >
          <Button icon={<UploadOutlined />} loading={busy} type="primary">
            {t(`upload.button.${kind}`)}
          </Button>
        </Upload>
        <UploadResult state={state} />
      </Space>
    </section>
  );
}

function UploadResult({ state }: { state: UploadState }) {
  const { t } = useTranslation('mappings');
  switch (state.status) {
    case 'idle':
      return null;
    case 'reading':
      return <Alert type="info" showIcon role="status" title={t('upload.reading', { name: state.name })} />;
    case 'sending':
      return <Alert type="info" showIcon role="status" title={t('upload.sending', { count: state.count ?? 0 })} />;
    case 'done':
      return (
        <Alert type="success" showIcon role="status" title={t('upload.done', { name: state.name, ...state.counts })} />
      );
    case 'failed':
      return (
        <Alert
          type="error"
          showIcon
          role="alert"
          title={t('upload.failed', { name: state.name, message: state.message })}
        />
      );
    case 'refused':
      return (
        <Space orientation="vertical" size="small" style={{ width: '100%' }}>
          <Alert
            type="error"
            showIcon
            role="alert"
            title={
              state.httpStatus === undefined
                ? t('upload.refused', { name: state.name, count: state.problems.length })
                : t('upload.refusedByGateway', { name: state.name, status: state.httpStatus })
            }
          />
          <ProblemTable problems={state.problems} />
        </Space>
      );
  }
}

function ProblemTable({ problems }: { problems: FileProblem[] }) {
  const { t } = useTranslation('mappings');
  const rows = problems.map((problem, index) => ({ ...problem, key: index }));
  return (
    <Table
      size="small"
      aria-label={t('upload.problems')}
      dataSource={rows}
      pagination={rows.length > 10 ? { pageSize: 10, showSizeChanger: false } : false}
      columns={[
        {
          title: t('upload.row'),
          dataIndex: 'row',
          width: 100,
          render: (row: number | null) => row ?? t('upload.wholeFile'),
        },
        {
          title: t('upload.column'),
          dataIndex: 'column',
          width: 240,
          render: (column: string | null) => (column === null ? '—' : <Typography.Text code>{column}</Typography.Text>),
        },
        {
          title: t('upload.problem'),
          key: 'problem',
          render: (_: unknown, problem: FileProblem) => t(`problem.${problem.code}`, { ...problem.params }),
        },
      ]}
    />
  );
}

import { PlayCircleOutlined, ReloadOutlined, SearchOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Flex,
  Input,
  Segmented,
  Select,
  Space,
  Table,
  type TableColumnsType,
  Tag,
  Typography,
} from 'antd';
import { useEffect, useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { ApiRequestError } from '../api/client';
import { LoadFailedAlert } from '../components/load-failed-alert';
import { MatchRunForm } from '../components/match-run-form';
import { RunStatusTag } from '../components/run-status-tag';
import { useDebounced } from '../hooks/use-debounced';
import {
  candidateChoices,
  decideMatches,
  listMatches,
  type Match,
  MATCH_KINDS,
  MATCH_STATUSES,
  type MatchDecision,
  type MatchKind,
  type MatchStatus,
  runMatch,
} from './matches-api';
import { formatDateTime, isActive } from './runs-model';
import { runDetailQuery } from './runs-queries';

const SEARCH_DELAY_MS = 300;
/** The gateway's limit on `?q=` for matches. */
const MAX_SEARCH_LENGTH = 64;

const STATUS_COLORS: Record<MatchStatus, string> = {
  proposed: 'blue',
  ambiguous: 'orange',
  unmatched: 'default',
  accepted: 'green',
  rejected: 'red',
};

function isKind(value: string | null): value is MatchKind {
  return MATCH_KINDS.includes(value as MatchKind);
}

function isStatus(value: string | null): value is MatchStatus {
  return MATCH_STATUSES.includes(value as MatchStatus);
}

/**
 * The identity match's proposals, ambiguities and decisions, filtered by kind and status (both in the URL) and by
 * id, paged; a match run started from here, and the selected rows accepted or rejected in one all-or-nothing
 * request. An ambiguous row is accepted only once one of its candidates is chosen.
 */
export function MatchesPage() {
  const { t, i18n } = useTranslation('matches');
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [params, setParams] = useSearchParams();
  const kind: MatchKind = isKind(params.get('kind')) ? (params.get('kind') as MatchKind) : 'user';
  const status = isStatus(params.get('status')) ? (params.get('status') as MatchStatus) : undefined;
  const [search, setSearch] = useState('');
  const q = useDebounced(search.trim(), SEARCH_DELAY_MS);
  const [page, setPage] = useState({ current: 1, pageSize: 20 });
  const [selected, setSelected] = useState<Map<string, Match>>(new Map());
  const [chosen, setChosen] = useState<Record<string, string>>({});
  const [runFormOpen, setRunFormOpen] = useState(false);
  const [runId, setRunId] = useState<string | null>(null);
  const [refusal, setRefusal] = useState<ApiRequestError | null>(null);
  const searchId = useId();
  const headingId = useId();
  const reasonId = useId();

  // Another filter starts at its first page; the selection stays, so one batch can gather rows of several filters.
  useEffect(() => setPage((previous) => ({ ...previous, current: 1 })), [kind, status, q]);

  const matches = useQuery({
    queryKey: ['matches', { kind, status, q, current: page.current, pageSize: page.pageSize }],
    queryFn: () => listMatches({ kind, status, q, limit: page.pageSize, offset: (page.current - 1) * page.pageSize }),
    placeholderData: keepPreviousData,
  });

  // The run started from here is followed until it ends, then the list shows what it proposed.
  const run = useQuery({ ...runDetailQuery(runId ?? ''), enabled: runId !== null });
  const runStatus = run.data?.status;
  useEffect(() => {
    if (runStatus && !isActive(runStatus)) void queryClient.invalidateQueries({ queryKey: ['matches'] });
  }, [runStatus, queryClient]);

  const start = useMutation({
    mutationFn: runMatch,
    onSuccess: (id) => {
      setRunId(id);
      setRunFormOpen(false);
    },
    onError: (error) => void message.error(t('run.failed', { message: error.message })),
  });

  const decide = useMutation({
    mutationFn: decideMatches,
    onMutate: () => setRefusal(null),
    onSuccess: (result) => void message.success(t('done', result)),
    onError: (error) => setRefusal(error instanceof ApiRequestError ? error : new ApiRequestError(0, undefined)),
    // Refreshed and unselected either way: a refusal names the match someone else decided meanwhile, whose row
    // may have left the filter, and a selection left on it could not be seen to clear.
    onSettled: () => {
      setSelected(new Map());
      setChosen({});
      void queryClient.invalidateQueries({ queryKey: ['matches'] });
      void queryClient.invalidateQueries({ queryKey: ['mappings'] });
    },
  });

  const rows = [...selected.values()];
  const acceptReason = useMemo(() => {
    if (rows.length === 0) return t('disabled.none');
    const unchosen = rows.filter((row) => row.status === 'ambiguous' && !chosen[row.id]);
    const label = (list: Match[]) => list.map((row) => row.feishuId ?? row.wecomId ?? row.id).join(', ');
    if (unchosen.length > 0) return t('disabled.chooseCandidate', { ids: label(unchosen) });
    // A WeCom-only row (no Feishu id) cannot be accepted either: the gateway wants it mapped by hand.
    const pairless = rows.filter(
      (row) => row.feishuId === null || (row.status !== 'ambiguous' && row.wecomId === null),
    );
    if (pairless.length > 0) return t('disabled.noPair', { ids: label(pairless) });
    return null;
  }, [rows, chosen, t]);

  function acceptSelected() {
    // Each decision names the status the row was seen in: if someone decided first, or a run replaced the
    // match, the gateway refuses the batch (409) instead of overriding what the operator did not see.
    const decisions: MatchDecision[] = rows.map((row) =>
      row.status === 'ambiguous'
        ? { id: row.id, decision: 'accept', status: row.status, wecomId: chosen[row.id]! }
        : { id: row.id, decision: 'accept', status: row.status },
    );
    decide.mutate(decisions);
  }

  const evidence = (matchedBy: Match['matchedBy']) => (matchedBy ? t(`evidence.${matchedBy}`) : '—');

  /** The match's reason in the console's language, from its code; the gateway's English text without one. */
  const reason = (match: Match): string => {
    if (match.reasonCode === null) return match.reason ?? '—';
    const params = match.reasonParams ?? {};
    const held = (params.manualHolders ?? [])
      .map((holder) => t('reason.manualHolder', { wecomId: holder.wecomId, feishuId: holder.feishuId }))
      .join('');
    return t(`reason.${match.reasonCode}`, {
      n: params.count ?? 0,
      basis: params.basis ? t(`basis.${params.basis}`) : '',
      attributes: (params.attributes ?? []).map((attribute) => t(`basis.${attribute}`)).join(t('listSeparator')),
      wecomId: params.wecomId ?? '',
      feishuId: params.feishuId ?? '',
      noun: t(`noun.${match.kind}`),
      nouns: t(`nouns.${match.kind}`),
      held,
    });
  };

  const columns: TableColumnsType<Match> = [
    {
      title: t('column.status'),
      dataIndex: 'status',
      render: (value: MatchStatus) => <Tag color={STATUS_COLORS[value]}>{t(`status.${value}`)}</Tag>,
    },
    {
      title: t('column.feishu'),
      dataIndex: 'feishuId',
      render: (id: string | null) => id ?? '—',
    },
    {
      title: t('column.wecom'),
      key: 'wecom',
      render: (_, match) => {
        if (match.status !== 'ambiguous') {
          if (match.wecomId !== null) return match.wecomId;
          const held = match.candidates.map((c) => c.wecomId).filter((id) => id !== undefined);
          return held.length > 0 ? <Typography.Text type="secondary">{held.join(', ')}</Typography.Text> : '—';
        }
        const choices = candidateChoices(match);
        return (
          <Flex vertical gap={4} align="flex-start">
            <ul style={{ margin: 0, paddingInlineStart: 18 }}>
              {match.candidates.map((c) => (
                <li key={`${c.feishuId ?? ''}:${c.wecomId ?? ''}`}>
                  {t('candidate', { wecomId: c.wecomId ?? '—', evidence: t(`evidence.${c.matchedBy}`) })}
                  {c.feishuId && c.feishuId !== match.feishuId && (
                    <Typography.Text type="secondary"> · {t('claimedBy', { feishuId: c.feishuId })}</Typography.Text>
                  )}
                </li>
              ))}
            </ul>
            {choices.length > 0 && (
              <Select<string>
                size="small"
                style={{ minWidth: 200 }}
                aria-label={t('candidateFor', { id: match.feishuId ?? match.id })}
                placeholder={t('choose')}
                value={chosen[match.id]}
                onChange={(wecomId) => setChosen((previous) => ({ ...previous, [match.id]: wecomId }))}
                options={choices.map((c) => ({
                  value: c.wecomId,
                  label: t('candidate', { wecomId: c.wecomId, evidence: t(`evidence.${c.matchedBy}`) }),
                }))}
                // The choice is made in the row; it should not toggle the row's selection.
                onClick={(event) => event.stopPropagation()}
              />
            )}
          </Flex>
        );
      },
    },
    {
      title: t('column.evidence'),
      dataIndex: 'matchedBy',
      render: (matchedBy: Match['matchedBy']) => evidence(matchedBy),
    },
    {
      title: t('column.reason'),
      key: 'reason',
      render: (_, match) => reason(match),
    },
    {
      title: t('column.decided'),
      key: 'decided',
      render: (_, match) =>
        match.decidedBy ? (
          <Flex vertical>
            <span>{t(`decidedBy.${match.decidedBy}`)}</span>
            {match.decidedAt && (
              <Typography.Text type="secondary" style={{ whiteSpace: 'nowrap', fontSize: 12 }}>
                {formatDateTime(match.decidedAt, i18n.language)}
              </Typography.Text>
            )}
          </Flex>
        ) : (
          '—'
        ),
    },
  ];

  const filtered = status !== undefined || q !== '';
  function setFilter(next: { kind?: MatchKind; status?: MatchStatus | null }) {
    const merged = { kind, status, ...next };
    setParams(
      {
        ...(merged.kind === 'user' ? {} : { kind: merged.kind }),
        ...(merged.status ? { status: merged.status } : {}),
      },
      { replace: true },
    );
  }

  return (
    <Flex vertical gap={16}>
      <Flex justify="space-between" align="flex-start" gap={16}>
        <div>
          <Typography.Title level={2} style={{ marginTop: 0 }} id={headingId}>
            {t('heading')}
          </Typography.Title>
          <Typography.Paragraph type="secondary" style={{ marginBottom: 0, maxWidth: 880 }}>
            {t('intro')}
          </Typography.Paragraph>
        </div>
        <Button type="primary" icon={<PlayCircleOutlined />} onClick={() => setRunFormOpen(true)}>
          {t('run.button')}
        </Button>
      </Flex>
      <MatchRunForm
        open={runFormOpen}
        submitting={start.isPending}
        onSubmit={(request) => start.mutate(request)}
        onCancel={() => setRunFormOpen(false)}
      />
      {runId && (
        <Alert
          type="info"
          role="status"
          showIcon
          closable={{ onClose: () => setRunId(null) }}
          title={
            <Space wrap>
              {t('run.queued')}
              <Link to={`/runs/${runId}`}>{t('run.openRun', { id: runId.slice(0, 8) })}</Link>
              {run.data && <RunStatusTag status={run.data.status} dryRun={run.data.dryRun} />}
            </Space>
          }
        />
      )}
      <Space wrap size="middle">
        <Segmented<MatchKind>
          aria-label={t('filter.kind')}
          value={kind}
          options={MATCH_KINDS.map((value) => ({ value, label: t(`kind.${value}`) }))}
          onChange={(value) => setFilter({ kind: value })}
        />
        <Select<MatchStatus | 'all'>
          aria-label={t('filter.status')}
          style={{ width: 160 }}
          value={status ?? 'all'}
          onChange={(value) => setFilter({ status: value === 'all' ? null : value })}
          options={[
            { value: 'all', label: t('filter.allStatuses') },
            ...MATCH_STATUSES.map((value) => ({ value, label: t(`status.${value}`) })),
          ]}
        />
        <Space>
          <label htmlFor={searchId}>{t('filter.search')}</label>
          <Input
            id={searchId}
            type="search"
            allowClear
            maxLength={MAX_SEARCH_LENGTH}
            prefix={<SearchOutlined aria-hidden />}
            placeholder={t('filter.placeholder')}
            value={search}
            onChange={(event) => setSearch(event.target.value)}
            style={{ width: 280 }}
          />
        </Space>
        <Button icon={<ReloadOutlined />} onClick={() => void matches.refetch()} loading={matches.isFetching}>
          {t('refresh')}
        </Button>
      </Space>
      <Flex gap={12} align="center" wrap>
        <Typography.Text>{t('selected', { count: rows.length })}</Typography.Text>
        <Button
          type="primary"
          disabled={acceptReason !== null || decide.isPending}
          aria-describedby={acceptReason ? reasonId : undefined}
          onClick={acceptSelected}
        >
          {t('accept')}
        </Button>
        <Button
          danger
          disabled={rows.length === 0 || decide.isPending}
          onClick={() => decide.mutate(rows.map((row) => ({ id: row.id, decision: 'reject', status: row.status })))}
        >
          {t('reject')}
        </Button>
        {acceptReason && (
          <Typography.Text type="secondary" id={reasonId}>
            {acceptReason}
          </Typography.Text>
        )}
      </Flex>
      {refusal && (
        <Alert
          type="error"
          role="alert"
          showIcon
          closable={{ onClose: () => setRefusal(null) }}
          title={t('refused', { status: refusal.status })}
          description={
            <ul style={{ margin: 0, paddingInlineStart: 18 }}>
              {(refusal.messages.length > 0 ? refusal.messages : [refusal.message]).map((text) => (
                <li key={text}>{text}</li>
              ))}
            </ul>
          }
        />
      )}
      {matches.error && (
        <LoadFailedAlert title={t('loadFailed')} error={matches.error} onRetry={() => void matches.refetch()} />
      )}
      <Table<Match>
        aria-labelledby={headingId}
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={matches.data?.items ?? []}
        loading={matches.isFetching}
        locale={{ emptyText: filtered ? t('emptyFilter') : t('empty') }}
        rowSelection={{
          selectedRowKeys: [...selected.keys()],
          preserveSelectedRowKeys: true,
          onChange: (_, records) =>
            setSelected((previous) => {
              const next = new Map<string, Match>();
              for (const record of records) {
                // Rows of other pages keep their record (the table hands back undefined for them).
                if (record) next.set(record.id, record);
              }
              for (const [id, record] of previous) {
                if (!next.has(id) && !(matches.data?.items ?? []).some((item) => item.id === id)) {
                  next.set(id, record);
                }
              }
              return next;
            }),
        }}
        pagination={{
          current: page.current,
          pageSize: page.pageSize,
          total: matches.data?.total ?? 0,
          showSizeChanger: true,
          pageSizeOptions: [20, 50, 100],
          showTotal: (total) => t('total', { count: total }),
          onChange: (current, pageSize) => setPage({ current: pageSize === page.pageSize ? current : 1, pageSize }),
        }}
        scroll={{ x: 'max-content' }}
      />
    </Flex>
  );
}

/** Strings of the conflicts page (namespace "conflicts"). */
export const conflictsLocale = {
  zh: {
    heading: '冲突',
    intro: '网关遇到无法自行决定的情况时会停下来，不写入任何一边，等你选择如何处理。处理后会按你的选择同步一次。',
    showResolved: '显示已处理的冲突',
    refresh: '刷新',
    listLabel: '冲突列表',
    empty: '没有待处理的冲突。',
    emptyAll: '还没有发生过冲突。',
    loadFailed: '无法读取冲突',
    kind: {
      content: '两边都改过',
      name_taken: '同名对象已存在',
    },
    kindHelp: {
      content:
        '这是一对双向同步的关联，上次同步后飞书和企业微信两边都被修改了。网关不知道该保留哪一边，所以什么都没写。',
      name_taken:
        '网关要为“{{name}}”在{{target}}创建对应的考勤组或规则时，发现{{target}}已有一个同名的对象，而且不是网关创建的。网关不会悄悄接管它，也不会再建一个同名的。',
    },
    unnamed: '（未命名）',
    detectedAt: '发现于 {{at}}',
    detectedBy: '发现它的同步',
    how: '处理方式',
    resolutionRun: '执行处理的同步',
    openRun: '查看同步记录',
    openLink: '在“关联”页查看这对关联',
    state: { open: '待处理', resolved: '已处理' },
    side: {
      source: '源（要同步的一方）',
      found: '已存在的同名对象（非网关创建）',
      linked: '关联的一方',
    },
    record: {
      name: '名称',
      id: 'ID',
      noSide: '这一侧还没有对应的对象。',
      notThere: '{{vendor}}现在查不到这个 ID 的对象（可能已被删除）。',
      loadFailed: '无法读取{{vendor}}的当前记录：{{message}}',
      json: '{{vendor}}当前记录（JSON）',
      loading: '正在读取{{vendor}}的当前记录…',
    },
    choose: '选择处理方式',
    resolution: {
      adopt: '采用已有的',
      overwrite: '覆盖已有的',
      skip: '跳过',
    },
    resolutionHelp: {
      adopt:
        '把{{target}}已有的“{{foundName}}”关联到{{source}}的“{{sourceName}}”，以它为准：{{source}}这一侧会被改成它的内容（同步一次）。',
      overwrite:
        '把{{target}}已有的“{{foundName}}”关联到{{source}}的“{{sourceName}}”，以{{source}}为准：已有的对象会被改成{{source}}的内容（同步一次）。注意：企业微信不允许修改其他应用创建的规则。',
      skip: '两边都不动。{{source}}的“{{sourceName}}”变为“未关联”，之后不再同步，直到你在“关联”页为它设置同步方向。',
    },
    winner: {
      feishu: '以飞书为准',
      wecom: '以企业微信为准',
    },
    winnerHelp: {
      feishu: '保留飞书考勤组现在的内容，用它覆盖企业微信的打卡规则（同步一次）；企业微信上的修改会丢失。',
      wecom: '保留企业微信打卡规则现在的内容，用它覆盖飞书考勤组（同步一次）；飞书上的修改会丢失。',
    },
    confirmTitle: '确认：{{choice}}',
    confirmBody: '冲突“{{name}}”将按下面的方式处理，处理后不能撤销。',
    confirmOk: '确认处理',
    cancel: '取消',
    resolved: '冲突已处理',
    resolvedWithRun: '冲突已处理，已开始同步。',
    resolveFailed: '无法处理这个冲突：{{message}}',
    alreadyResolved: '这个冲突已经被处理过了（可能是别人刚处理的）：{{message}}',
    badRequest: '网关拒绝了这个处理方式：{{message}}',
    notFound: '找不到这个冲突：{{message}}',
  },
  en: {
    heading: 'Conflicts',
    intro:
      'When the gateway meets something it cannot decide on its own, it stops, writes nothing to either side, and waits for your choice. Resolving one syncs once the way you chose.',
    showResolved: 'Show resolved conflicts',
    refresh: 'Refresh',
    listLabel: 'Conflicts',
    empty: 'No open conflicts.',
    emptyAll: 'No conflicts yet.',
    loadFailed: 'Could not read the conflicts',
    kind: {
      content: 'Both sides changed',
      name_taken: 'Name already taken',
    },
    kindHelp: {
      content:
        'This two-way link was changed on both Feishu and WeCom since the last sync. The gateway cannot tell which side to keep, so it wrote nothing.',
      name_taken:
        'To sync "{{name}}", the gateway would create its counterpart in {{target}}, but {{target}} already has an object of that name that the gateway did not create. The gateway neither takes it over silently nor creates a second one.',
    },
    unnamed: '(no name)',
    detectedAt: 'Found {{at}}',
    detectedBy: 'Run that found it',
    how: 'Resolved as',
    resolutionRun: 'Run that carried it out',
    openRun: 'Open run',
    openLink: 'See this link on the Links page',
    state: { open: 'Open', resolved: 'Resolved' },
    side: {
      source: 'Source (the side being synced)',
      found: 'Same-named object (not created by the gateway)',
      linked: 'Linked side',
    },
    record: {
      name: 'Name',
      id: 'ID',
      noSide: 'Nothing on this side yet.',
      notThere: '{{vendor}} has no object of this id now (it may have been deleted).',
      loadFailed: "Could not read {{vendor}}'s current record: {{message}}",
      json: "{{vendor}}'s current record (JSON)",
      loading: "Reading {{vendor}}'s current record…",
    },
    choose: 'Choose how to resolve it',
    resolution: {
      adopt: 'Adopt the existing one',
      overwrite: 'Overwrite the existing one',
      skip: 'Skip',
    },
    resolutionHelp: {
      adopt:
        'Link the existing "{{foundName}}" in {{target}} to "{{sourceName}}" in {{source}} and keep its content: the {{source}} side takes its content (one sync).',
      overwrite:
        'Link the existing "{{foundName}}" in {{target}} to "{{sourceName}}" in {{source}} and keep {{source}}\'s content: the existing object is overwritten (one sync). Note: WeCom refuses changes to rules another app created.',
      skip: 'Leave both sides as they are. "{{sourceName}}" in {{source}} becomes not linked and is not synced until you set its direction on the Links page.',
    },
    winner: {
      feishu: 'Keep Feishu',
      wecom: 'Keep WeCom',
    },
    winnerHelp: {
      feishu:
        "Keep the Feishu group's current content and overwrite the WeCom rule with it (one sync); the changes made in WeCom are lost.",
      wecom:
        "Keep the WeCom rule's current content and overwrite the Feishu group with it (one sync); the changes made in Feishu are lost.",
    },
    confirmTitle: 'Confirm: {{choice}}',
    confirmBody: 'The conflict "{{name}}" will be resolved as follows. This cannot be undone.',
    confirmOk: 'Resolve',
    cancel: 'Cancel',
    resolved: 'Conflict resolved',
    resolvedWithRun: 'Conflict resolved; a sync has started.',
    resolveFailed: 'Could not resolve this conflict: {{message}}',
    alreadyResolved: 'This conflict was already resolved (perhaps by someone else just now): {{message}}',
    badRequest: 'The gateway refused this resolution: {{message}}',
    notFound: 'This conflict no longer exists: {{message}}',
  },
} as const;

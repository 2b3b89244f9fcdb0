import type { MessageSchema } from '.'

/** 简体中文 */
const zhCN: MessageSchema = {
  nav: {
    label: '视图',
    library: '图库',
    editor: '编辑器',
    train: '训练',
    batch: '批量处理',
    models: '模型',
    settings: '设置'
  },
  common: {
    cancel: '取消',
    dismiss: '关闭',
    loading: '正在加载…'
  },
  connection: {
    connecting: '正在连接工作室…',
    offline: '与工作室的连接已断开，正在重新连接…'
  },
  compute: {
    label: '计算后端',
    inference: '推理：{engine} · {device}',
    training: '训练：{backend}',
    unknown: '计算：检测中…'
  },
  library: {
    toolbar: '图库筛选',
    count: '没有图片 | 1 张图片 | {n} 张图片',
    search: '按名称搜索',
    tagFilter: '按标签筛选',
    allTags: '全部标签',
    sort: '排序方式',
    sortBy: { newest: '最新优先', oldest: '最早优先', name: '名称' },
    dropzone: '导入区域：将图片文件或文件夹拖放到这里',
    importFiles: '导入文件…',
    importFolder: '导入文件夹…',
    dropHint: '或将文件和文件夹拖放到此处任意位置',
    dropNow: '松开即可导入',
    gridLabel: '图片（{count}）',
    empty: '还没有图片。将照片或整个文件夹拖放到这里，或使用“导入文件…”。',
    noMatch: '没有符合搜索条件的图片。',
    emptyTrash: '回收站是空的。'
  },
  selection: {
    label: '所选内容',
    count: '未选择 | 已选择 1 张图片 | 已选择 {n} 张图片',
    none: '未选择',
    hint: '单击图片即可选中。按住 Shift 或 Ctrl/⌘ 可多选；方向键移动，Enter 打开，Delete 移到回收站。',
    open: '在编辑器中打开',
    trash: '移到回收站',
    removeFromProject: '从项目中移除'
  },
  projects: {
    label: '项目',
    title: '项目',
    all: '全部图片',
    newPlaceholder: '新项目名称',
    create: '创建',
    rename: '重命名',
    renameTo: '重命名项目 {name}',
    delete: '删除项目',
    deleteNamed: '删除项目 {name}',
    confirmDelete: '删除项目“{name}”？其中的图片仍会保留在图库中。',
    addSelection: '将所选的 {count} 张图片添加到 {name}',
    added: '已将 {count} 张图片添加到 {name}。'
  },
  trash: {
    title: '回收站',
    restore: '恢复所选（{count}）',
    empty: '清空回收站…',
    emptyConfirm: '永久删除',
    confirmEmpty: '回收站是空的。 | 永久删除回收站中的 1 张图片？此操作无法撤销。 | 永久删除回收站中的 {n} 张图片？此操作无法撤销。',
    moved: '没有图片被移到回收站。 | 已将 1 张图片移到回收站。 | 已将 {n} 张图片移到回收站。',
    restored: '没有图片被恢复。 | 已恢复 1 张图片。 | 已恢复 {n} 张图片。',
    emptied: '没有图片被删除。 | 已永久删除 1 张图片。 | 已永久删除 {n} 张图片。'
  },
  tags: {
    title: '标签',
    current: '标签',
    none: '没有标签。',
    partial: '只有部分所选图片带有此标签',
    add: '添加',
    addPlaceholder: '添加标签',
    remove: '移除标签 {tag}'
  },
  jobs: {
    label: '导入进度',
    phase: {
      uploading: '正在上传 {done} / {total}',
      starting: '正在开始导入…',
      importing: '正在导入 {done} / {total}'
    },
    cancelling: '正在取消…',
    busy: '已有导入正在进行。请等待其完成或先取消。'
  },
  report: {
    label: '导入报告',
    status: { done: '导入完成', cancelled: '导入已取消', failed: '导入失败' },
    count: {
      imported: '未导入任何图片 | 已导入 1 张 | 已导入 {n} 张',
      duplicates: '没有重复 | 1 张重复 | {n} 张重复',
      failed: '没有失败 | 1 张失败 | {n} 张失败'
    },
    duplicateList: '图库中已存在',
    failedList: '无法导入的文件',
    lostTrack: '工作室已找不到这次导入（可能已重新启动）。请在图库中查看已导入的内容。'
  },
  editor: {
    title: '编辑器',
    empty: '没有打开的图片。在图库中双击一张图片（或选中后按 Enter）。',
    toLibrary: '前往图库',
    preparing: '正在准备预览…',
    failed: '无法打开此图片：{reason}',
    stageLabel: '图片 {name}。滚动鼠标滚轮或按 + 和 − 缩放，拖动或使用方向键平移。',
    zoomToolbar: '缩放',
    zoomIn: '放大',
    zoomOut: '缩小',
    zoomLevel: '缩放比例',
    fit: '适合窗口',
    actualSize: '实际大小（100%）',
    keysHint: '滚轮或 + − 缩放 · 拖动或方向键平移 · 0 或 F 适合窗口 · 1 显示 100%'
  },
  info: {
    label: '图片信息',
    name: '名称',
    size: '尺寸',
    pixels: '{width} × {height} 像素（{mp} 百万像素）',
    format: '格式',
    depth: '位深',
    bits: '每通道 {depth} 位',
    space: '色彩',
    alpha: '含透明通道',
    bytes: '文件大小',
    imported: '导入时间',
    source: '导入来源'
  },
  soon: {
    train: '用图库中的文件夹训练你自己的 CycleGAN 和 pix2pix 生成器。',
    batch: '一次将模型应用到多张图片，并为每个结果生成报告。',
    later: '将在后续版本中推出。'
  },
  models: {
    importTitle: '导入模型',
    importHint: 'ONNX 生成器：RGB → RGB（风格）或 L → ab（上色）。导入前会先检查，再复制到图库中。',
    file: 'ONNX 文件',
    name: '名称',
    task: '任务',
    taskFromFile: '根据文件判断',
    licence: '许可证',
    licenceUnknown: '未知',
    import: '导入',
    imported: '已导入“{name}”。',
    alreadyInstalled: '“{name}”已经安装。',
    phase: { uploading: '正在发送', checking: '正在检查' },
    empty: '还没有模型。请在上方导入 ONNX 生成器，或在“训练”页面训练一个。',
    export: '导出…',
    exportTo: '保存为',
    exported: '已保存到 {path}',
    remove: '移除',
    removeConfirm: '移除“{name}”？用它生成的版本仍保留在图库中。',
    pipeline: '流程',
    sizes: '尺寸',
    multipleOf: '{n} 像素的倍数',
    renderSize: '以 {n} 像素渲染',
    workingSize: '以 {n} 像素处理',
    tile: '{n} 像素分块',
    credits: '致谢',
    id: '标识',
    tasks: { colorize: '上色', style: '风格', sketch: '照片 → 素描', 'day-to-night': '白天 → 夜晚', custom: '自定义' },
    pipelines: { 'lab-chroma': 'Lab 色度（保留照片自身的明度）', rgb: 'RGB，全尺寸分块处理' },
    sources: { 'built-in': '内置', trained: '本地训练', imported: '已导入' }
  },
  settings: {
    language: '语言',
    library: '图库位置',
    compute: '计算后端',
    inference: '推理',
    training: '训练',
    about: '关于',
    version: '版本',
    door: '运行方式',
    doors: { electron: '桌面应用', bridge: '浏览器（通过本地桥接）' },
    provider: '模型运行于',
    unavailable: '此处不可用',
    providers: { auto: '最佳可用（可用时使用 GPU）', cpu: 'CPU', cuda: 'NVIDIA CUDA', webgpu: 'WebGPU（任意 GPU）', dml: 'DirectML（Windows）', coreml: 'Core ML（macOS）' }
  }
}

export default zhCN

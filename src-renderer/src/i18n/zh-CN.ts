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
    keysHint: '滚轮或 + − 缩放 · 拖动或方向键平移 · 0 或 F 适合窗口 · 1 显示 100%',
    toolKeysHint: 'H 抓手 · B 画笔 · E 橡皮擦 · [ ] 画笔大小 · V 对比方式 · 按住 \\ 查看原图 · L 放大镜 · Ctrl+Z 撤销 · Ctrl+S 导出',
    compare: {
      toolbar: '对比',
      mode: '对比方式',
      modes: { single: '结果', split: '分割', side: '并排' },
      before: '处理前',
      after: '处理后',
      splitLabel: '处理前与处理后的分割线',
      splitValue: '左侧处理前占 {percent}%',
      peek: '按住看原图',
      peekHint: '按住此按钮或按住 \\ 键查看原图',
      loupe: '放大镜',
      loupeHint: '放大指针下的另一张图（L）',
      loupeLabel: '放大镜：放大显示{side}的图像'
    },
    apply: {
      title: '应用模型',
      model: '模型',
      noModels: '还没有模型——请在“模型”中导入',
      renderSize: '渲染尺寸（像素，长边）',
      renderSizeHint: '模型看到的尺寸；颜色随后还原到完整分辨率。',
      workingSize: '工作尺寸（像素，长边）',
      workingSizeHint: '结果的尺寸；留空则为完整尺寸。',
      fullSize: '完整尺寸',
      strength: '强度',
      maskOnly: '仅在蒙版内',
      maskHint: '绘制蒙版（B）即可只处理图像的一部分。',
      apply: '应用',
      starting: '正在开始…',
      progress: '正在应用：{done} / {total}',
      cancelling: '正在取消…',
      done: '已在 {provider} 上生成新版本。',
      cancelled: '已取消，未保存任何内容。',
      lostTrack: '工作室已不再跟踪这次应用（可能已重启）。如果它已完成，新版本会出现在下方的版本条中。',
      failed: '应用失败：{reason}'
    },
    mask: {
      title: '蒙版',
      tool: '工具',
      tools: { pan: '抓手', paint: '画笔', erase: '橡皮擦' },
      size: '画笔大小',
      feather: '羽化',
      show: '显示蒙版',
      full: '蒙版已满：请先应用或清除后再继续绘制。',
      clear: '清除',
      undo: '撤销',
      redo: '重做'
    },
    versions: {
      label: '版本',
      original: '原图',
      version: '版本 {n}',
      strength: '强度 {percent}%',
      masked: '局部（{strokes} 笔）'
    },
    export: {
      open: '导出…',
      titleOriginal: '导出原图',
      titleVersion: '导出此版本',
      format: '格式',
      quality: '质量',
      path: '保存为（工作室所在电脑上的路径）',
      pathHint: '文件夹必须已存在；替换已有文件前会先询问你。',
      exists: '{path} 已存在。',
      replace: '替换它',
      exporting: '正在导出…',
      done: '已导出到 {path}',
      export: '导出',
      close: '关闭'
    }
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
    batch: '一次将模型应用到多张图片，并为每个结果生成报告。',
    later: '将在后续版本中推出。'
  },
  train: {
    modes: { cyclegan: 'CycleGAN（非配对）', pix2pix: 'pix2pix（配对）', colorize: '上色（L → ab）' },
    modeHints: {
      cyclegan: '两个文件夹，分别是两类照片（例如白天和夜晚）；无需配对。两个方向都会训练。',
      pix2pix: '文件名相同的对齐图片对：一个包含 A/ 和 B/ 的文件夹，或文件夹 A 和文件夹 B。',
      colorize: '一个文件夹的任意彩色照片：工作室学习根据明度还原它们的颜色。'
    },
    presets: { fast: '快速', reference: '参考' },
    presetHints: {
      fast: '更小的裁剪和网络、更少的步数：可在 CPU 上训练',
      reference: '参考实现的默认值：效果最好，需要 GPU 和数天的训练步数'
    },
    setup: {
      title: '新的训练任务',
      name: '任务名称',
      namePlaceholder: '留空则以模式和时间命名',
      data: '照片',
      mode: '训练类型',
      pathsHint: '工作室所在机器上的文件夹路径（会记住上次使用的路径）。',
      folderA: '文件夹 A',
      folderB: '文件夹 B',
      folderPhotos: '彩色照片',
      optional: '（可选）',
      check: '检查文件夹',
      checking: '正在读取文件夹…',
      checkFirst: '开始之前请先检查文件夹。',
      preset: '预设',
      from: '起点',
      fromScratch: '从零开始（新网络）',
      fromSources: { trained: '本地训练', 'built-in': '内置', imported: '已导入' },
      fromUnfit: '{name} — {reason}',
      fromUnfitReasons: { otherMode: '用于另一种训练', otherScale: '数值缩放方式不同' },
      fromScratchHint: '或者微调一个适合此训练类型的已安装模型的生成器。',
      fineTunedFrom: '基于 {name} 微调',
      fromModelHint: '模型的生成器结构（类型、滤波器数、残差块数、深度、上采样方式）将取代预设和选项中的设置；任务开始时工作室会检查其网络层。',
      backend: '训练后端：{backend}',
      start: '开始训练',
      starting: '正在再次检查照片并启动…'
    },
    report: {
      title: '本次训练将使用的数据',
      stale: '检查之后选择已更改：请重新检查。',
      side: { a: 'A', b: 'B', photos: '照片' },
      counts: '{files} 个文件中 {usable} 个可用',
      pairs: '{n} 对对齐图片',
      problems: '问题（{n}）',
      moreProblems: '……还有 {n} 个',
      noProblems: '未发现问题。',
      severity: { skipped: '跳过', warning: '警告' }
    },
    options: {
      preset: '预设',
      advanced: '高级选项',
      checked: '设置了步数而未填衰减起始步时，学习率在后一半步数中衰减。开始训练时工作室会检查完整配置，并说明哪些设置不合适。',
      size: '裁剪尺寸（像素）',
      steps: '步数',
      sampleEvery: '每 N 步生成样本',
      loss: 'GAN 损失',
      spectralNorm: '判别器谱归一化',
      upsampling: '上采样',
      generator: '生成器',
      recompute: '反向传播时重算',
      dSteps: '每步生成器对应的判别器步数',
      ngf: '生成器滤波器数',
      ndf: '判别器滤波器数',
      blocks: '残差块数',
      lr: '学习率',
      decayFrom: '学习率衰减起始步',
      seed: '随机种子'
    },
    choices: {
      loss: { vanilla: '非饱和', lsgan: 'LSGAN（最小二乘）', 'wgan-gp': 'WGAN-GP' },
      spectralNorm: { on: '开', off: '关' },
      upsampling: { transpose: '转置卷积', 'resize-conv': '缩放 + 卷积（无棋盘格伪影）' },
      generator: { resnet: 'ResNet', unet: 'U-Net' },
      recompute: {
        auto: '自动（按后端与网络大小）',
        off: '关（最快，最占内存）',
        blocks: '残差块',
        generator: '整个生成器（最省内存，最慢）'
      }
    },
    runs: { title: '训练任务', new: '新建任务…', none: '还没有训练任务。', resumable: '可继续' },
    runStatus: { running: '训练中', paused: '已暂停', interrupted: '已中断', done: '已完成', cancelled: '已取消', failed: '失败' },
    status: {
      title: '任务状态',
      step: '第 {step} 步，共 {total} 步',
      speed: '每秒 {speed} 步',
      eta: '剩余 {eta}',
      backend: '后端：{backend}',
      pause: '暂停',
      resume: '继续',
      resumeLessMemory: '以更少内存继续',
      resumeLessMemoryHint: "从最近的检查点以 recompute 'generator' 继续：每步更慢，内存最少，权重不变",
      keys: '焦点在此面板内时：空格键暂停或继续，Esc 取消。',
      cancelConfirm: '取消“{name}”？最新的检查点会保留，仍可将其保存为模型。',
      cancelRun: '取消任务',
      remove: '删除任务',
      removeConfirm: '删除“{name}”？其检查点、样例图和损失记录都会被删除；从中保存的模型会保留。'
    },
    samples: {
      title: '样本',
      waiting: '第一次采样后会显示样本网格。',
      alt: '第 {step} 步的样本网格',
      step: '第 {step} 步',
      following: '显示最新',
      lookingBack: '查看历史',
      legend: {
        cyclegan: '每一行：固定的 A、A → B 当前的输出、固定的 B、B → A 当前的输出。',
        pix2pix: '每一行：固定输入、当前输出、目标。',
        colorize: '每一行：灰度输入、当前预测的颜色、照片本身的颜色。'
      }
    },
    chart: {
      title: '损失',
      log: '对数坐标',
      steps: '步数',
      noLog: '小于或等于零的损失无法在对数坐标上显示。',
      empty: '还没有训练步。',
      at: '第 {step} 步：{values}'
    },
    balance: {
      title: '判别器平衡',
      real: 'D(真实)',
      fake: 'D(生成)',
      mark: '0.5：双方势均力敌',
      none: '训练若干步后显示。',
      balanced: '平衡时两者都接近 0.5；训练初期有差距是正常的。',
      dWins: '判别器能识别所有生成图像：生成器几乎得不到梯度。可尝试谱归一化、LSGAN 或减少判别器步数。',
      gWins: '判别器被所有图像欺骗，无法指导生成器。可尝试增加判别器步数或加大判别器。'
    },
    diversity: {
      title: '多样性',
      hint: '每个方向上，固定样本的输出之间相对于其输入的差异程度。',
      none: '第一次采样后显示',
      ok: '输出各不相同',
      collapsing: '模式崩溃：生成器对不同输入给出几乎相同的输出。'
    },
    direction: { AtoB: 'A → B', BtoA: 'B → A' },
    extend: { label: '继续训练至总步数', submit: '继续训练' },
    save: {
      title: '保存为模型',
      hint: '保存最新检查点（第 {step} 步）时的生成器。',
      hintRunning: '保存最新检查点时的生成器；先暂停即可包含最新的训练步。',
      noCheckpoint: '第一个检查点之后可用。',
      name: '模型名称',
      direction: '方向',
      taskFromRun: '按训练任务（上色或自定义）',
      submit: '保存为模型',
      saving: '正在导出生成器…',
      saved: '已将“{name}”保存为模型 {id}。',
      openEditor: '打开编辑器',
      openModels: '在模型页中查看'
    }
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
    exists: '{path} 已存在。要替换它吗？',
    replace: '替换',
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

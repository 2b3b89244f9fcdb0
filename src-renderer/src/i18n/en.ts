/** English messages; the shape every other language must match. */
export default {
  nav: {
    label: 'Views',
    library: 'Library',
    editor: 'Editor',
    train: 'Train',
    batch: 'Batch',
    models: 'Models',
    settings: 'Settings'
  },
  common: {
    cancel: 'Cancel',
    dismiss: 'Dismiss',
    loading: 'Loading…'
  },
  connection: {
    connecting: 'Connecting to the studio…',
    offline: 'Connection to the studio lost — reconnecting…'
  },
  compute: {
    label: 'Compute backends',
    inference: 'Inference: {engine} · {device}',
    training: 'Training: {backend}',
    unknown: 'Compute: checking…'
  },
  library: {
    toolbar: 'Library filters',
    count: 'no images | 1 image | {n} images',
    search: 'Search by name',
    tagFilter: 'Filter by tag',
    allTags: 'All tags',
    sort: 'Sort order',
    sortBy: { newest: 'Newest first', oldest: 'Oldest first', name: 'Name' },
    dropzone: 'Import area: drop image files or folders here',
    importFiles: 'Import files…',
    importFolder: 'Import folder…',
    dropHint: 'or drop files and folders anywhere here',
    dropNow: 'Drop to import',
    gridLabel: 'Images ({count})',
    empty: 'No images yet. Drop photos or whole folders here, or use “Import files…”.',
    noMatch: 'No images match this search.',
    emptyTrash: 'The trash is empty.'
  },
  selection: {
    label: 'Selection',
    count: 'Nothing selected | 1 image selected | {n} images selected',
    none: 'Nothing selected',
    hint: 'Click an image to select it. Shift or Ctrl/⌘ selects more; arrow keys move, Enter opens, Delete moves to the trash.',
    open: 'Open in Editor',
    trash: 'Move to trash',
    removeFromProject: 'Remove from project'
  },
  projects: {
    label: 'Projects',
    title: 'Projects',
    all: 'All images',
    newPlaceholder: 'New project name',
    create: 'Create',
    rename: 'Rename',
    renameTo: 'Rename project {name}',
    delete: 'Delete project',
    deleteNamed: 'Delete project {name}',
    confirmDelete: 'Delete the project “{name}”? Its images stay in the library.',
    addSelection: 'Add {count} selected to {name}',
    added: 'Added {count} image to {name}. | Added {count} image to {name}. | Added {count} images to {name}.'
  },
  trash: {
    title: 'Trash',
    restore: 'Restore selected ({count})',
    empty: 'Empty trash…',
    emptyConfirm: 'Delete permanently',
    confirmEmpty: 'The trash is empty. | Permanently delete the image in the trash? This cannot be undone. | Permanently delete the {n} images in the trash? This cannot be undone.',
    moved: 'Nothing moved to the trash. | Moved 1 image to the trash. | Moved {n} images to the trash.',
    restored: 'Nothing restored. | Restored 1 image. | Restored {n} images.',
    emptied: 'Nothing deleted. | Deleted 1 image permanently. | Deleted {n} images permanently.'
  },
  tags: {
    title: 'Tags',
    current: 'Tags',
    none: 'No tags.',
    partial: 'Only some of the selected images have this tag',
    add: 'Add',
    addPlaceholder: 'Add a tag',
    remove: 'Remove tag {tag}'
  },
  jobs: {
    label: 'Import progress',
    phase: {
      uploading: 'Uploading {done} of {total}',
      starting: 'Starting the import…',
      importing: 'Importing {done} of {total}'
    },
    cancelling: 'Cancelling…',
    busy: 'An import is already running. Wait for it to finish or cancel it first.'
  },
  report: {
    label: 'Import report',
    status: { done: 'Import finished', cancelled: 'Import cancelled', failed: 'Import failed' },
    count: {
      imported: 'nothing imported | 1 imported | {n} imported',
      duplicates: 'no duplicates | 1 duplicate | {n} duplicates',
      failed: 'none failed | 1 failed | {n} failed'
    },
    duplicateList: 'Already in the library',
    failedList: 'Files that could not be imported',
    lostTrack: 'The studio no longer knows this import (it may have restarted). Check the library for what arrived.'
  },
  editor: {
    title: 'Editor',
    empty: 'No image is open. Double-click an image in the Library (or select it and press Enter).',
    toLibrary: 'Go to the Library',
    preparing: 'Preparing preview…',
    failed: 'Could not open this image: {reason}',
    stageLabel: 'Image {name}. Scroll or press + and − to zoom, drag or use the arrow keys to pan.',
    zoomToolbar: 'Zoom',
    zoomIn: 'Zoom in',
    zoomOut: 'Zoom out',
    zoomLevel: 'Zoom level',
    fit: 'Fit',
    actualSize: 'Actual size (100%)',
    keysHint: 'Wheel or + − zoom · drag or arrow keys pan · 0 or F fits · 1 shows 100%',
    toolKeysHint: 'H hand · B brush · E eraser · [ ] brush size · V compare mode · hold \\ for the original · L loupe · Ctrl+Z undo · Ctrl+S export',
    compare: {
      toolbar: 'Compare',
      mode: 'Compare mode',
      modes: { single: 'Result', split: 'Split', side: 'Side by side' },
      before: 'Before',
      after: 'After',
      splitLabel: 'Split between before and after',
      splitValue: 'Before on the left {percent}%',
      peek: 'Hold for original',
      peekHint: 'Hold this button, or hold the \\ key, to see the original',
      loupe: 'Loupe',
      loupeHint: 'Magnify the other image under the pointer (L)',
      loupeLabel: 'Loupe showing the {side} image, magnified'
    },
    apply: {
      title: 'Apply a model',
      model: 'Model',
      noModels: 'No models yet — import one in Models',
      tasks: { colorize: 'Colorize', style: 'Style', sketch: 'Photo → Sketch', 'day-to-night': 'Day → Night', custom: 'Other' },
      renderSize: 'Render size (px, long side)',
      renderSizeHint: 'The size the model sees; colour is then brought to the full resolution.',
      workingSize: 'Working size (px, long side)',
      workingSizeHint: 'The result’s size; leave empty for the full size.',
      fullSize: 'Full size',
      strength: 'Strength',
      maskOnly: 'Only inside the mask',
      maskHint: 'Paint a mask (B) to apply to part of the image.',
      apply: 'Apply',
      starting: 'Starting…',
      progress: 'Applying: {done} of {total}',
      cancelling: 'Cancelling…',
      done: 'New version made on {provider}.',
      cancelled: 'Cancelled; nothing was stored.',
      failed: 'Applying failed: {reason}'
    },
    mask: {
      title: 'Mask',
      tool: 'Tool',
      tools: { pan: 'Hand', paint: 'Brush', erase: 'Eraser' },
      size: 'Brush size',
      feather: 'Feather',
      show: 'Show the mask',
      full: 'The mask is full: apply it or clear it before painting more.',
      clear: 'Clear',
      undo: 'Undo',
      redo: 'Redo'
    },
    versions: {
      label: 'Versions',
      original: 'Original',
      version: 'Version {n}',
      strength: 'strength {percent}%',
      masked: 'masked ({strokes} strokes)'
    },
    export: {
      open: 'Export…',
      titleOriginal: 'Export the original',
      titleVersion: 'Export this version',
      format: 'Format',
      quality: 'Quality',
      path: 'Save as (a path on the studio’s computer)',
      pathHint: 'The folder must exist; an existing file is replaced.',
      exporting: 'Exporting…',
      done: 'Exported to {path}',
      export: 'Export',
      close: 'Close'
    }
  },
  info: {
    label: 'Image information',
    name: 'Name',
    size: 'Size',
    pixels: '{width} × {height} px ({mp} MP)',
    format: 'Format',
    depth: 'Depth',
    bits: '{depth} bits per channel',
    space: 'Colour',
    alpha: 'with alpha',
    bytes: 'File size',
    imported: 'Imported',
    source: 'Imported from'
  },
  soon: {
    batch: 'Apply a model to many images at once, with a report of every result.',
    later: 'Coming in a later release.'
  },
  train: {
    modes: { cyclegan: 'CycleGAN (unpaired)', pix2pix: 'pix2pix (paired)', colorize: 'Colorization (L → ab)' },
    modeHints: {
      cyclegan: 'Two folders of photos of two kinds (say, day and night); no pairs needed. Trains both directions.',
      pix2pix: 'Aligned pairs with the same file names: one folder holding A/ and B/, or folder A and folder B.',
      colorize: 'One folder of any colour photos: the studio learns to put back their colour from their lightness.'
    },
    presets: { fast: 'Fast', reference: 'Reference' },
    presetHints: {
      fast: 'smaller crops and networks, fewer steps: trains on a CPU',
      reference: 'the reference implementation’s defaults: best results, needs a GPU and days of steps'
    },
    setup: {
      title: 'New training run',
      name: 'Run name',
      namePlaceholder: 'named after the mode and time if left empty',
      data: 'Photos',
      mode: 'Kind of training',
      pathsHint: 'Folders on the studio’s machine, as paths (the last ones used are remembered).',
      folderA: 'Folder A',
      folderB: 'Folder B',
      folderPhotos: 'Colour photos',
      optional: '(optional)',
      check: 'Check folders',
      checking: 'Reading the folders…',
      checkFirst: 'Check the folders before starting.',
      preset: 'Preset',
      backend: 'Trains on {backend}',
      start: 'Start training',
      starting: 'Checking the photos once more and starting…'
    },
    report: {
      title: 'What the run will train on',
      stale: 'The choice changed since this check: check again.',
      side: { a: 'A', b: 'B', photos: 'Photos' },
      counts: '{usable} usable of {files} files',
      pairs: '{n} aligned pairs',
      problems: 'Problems ({n})',
      moreProblems: '…and {n} more',
      noProblems: 'No problems found.',
      severity: { skipped: 'skipped', warning: 'warning' }
    },
    options: {
      preset: 'preset',
      advanced: 'Advanced options',
      checked: 'With Steps set and Decay left empty, the learning rate decays over the second half. The studio checks the whole configuration when the run starts and says what does not fit.',
      size: 'Crop size (px)',
      steps: 'Steps',
      sampleEvery: 'Samples every N steps',
      loss: 'GAN loss',
      spectralNorm: 'Spectral norm in D',
      upsampling: 'Upsampling',
      generator: 'Generator',
      dSteps: 'D steps per G step',
      ngf: 'Generator filters',
      ndf: 'Discriminator filters',
      blocks: 'Residual blocks',
      lr: 'Learning rate',
      decayFrom: 'Decay from step',
      seed: 'Seed'
    },
    choices: {
      loss: { vanilla: 'Non-saturating', lsgan: 'LSGAN (least squares)', 'wgan-gp': 'WGAN-GP' },
      spectralNorm: { on: 'On', off: 'Off' },
      upsampling: { transpose: 'Transposed convolution', 'resize-conv': 'Resize + convolution (no checkerboard)' },
      generator: { resnet: 'ResNet', unet: 'U-Net' }
    },
    runs: { title: 'Runs', new: 'New run…', none: 'No runs yet.', resumable: 'resumable' },
    runStatus: { running: 'Training', paused: 'Paused', interrupted: 'Interrupted', done: 'Done', cancelled: 'Cancelled', failed: 'Failed' },
    status: {
      title: 'Run status',
      step: 'step {step} of {total}',
      speed: '{speed} steps/s',
      eta: '{eta} left',
      backend: 'Backend: {backend}',
      pause: 'Pause',
      resume: 'Resume',
      keys: 'With focus in this panel: Space pauses or resumes, Esc cancels.',
      cancelConfirm: 'Cancel “{name}”? Its latest checkpoint is kept, so you can still save it as a model.',
      cancelRun: 'Cancel run'
    },
    samples: {
      title: 'Samples',
      waiting: 'The first sample grid appears after the first sampling step.',
      alt: 'Sample grid at step {step}',
      step: 'Step {step}',
      following: 'showing the newest',
      lookingBack: 'looking back',
      legend: {
        cyclegan: 'Each row: a fixed A, what A → B makes of it now, a fixed B, what B → A makes of it now.',
        pix2pix: 'Each row: a fixed input, the output now, the target.',
        colorize: 'Each row: the grey input, the colours predicted now, the photo’s own colours.'
      }
    },
    chart: {
      title: 'Losses',
      log: 'Log scale',
      steps: 'steps',
      noLog: 'A loss at or below zero cannot be shown on a log scale.',
      empty: 'No steps yet.',
      at: 'Step {step}: {values}'
    },
    balance: {
      title: 'Discriminator balance',
      real: 'D(real)',
      fake: 'D(fake)',
      mark: '0.5: neither side wins',
      none: 'Shown once steps are trained.',
      balanced: 'Near 0.5 each when balanced; a gap is normal early on.',
      dWins: 'D tells every fake apart: the generator gets almost no gradient. Try spectral norm, LSGAN or fewer D steps.',
      gWins: 'D is fooled by everything and teaches the generator nothing. Try more D steps or a larger D.'
    },
    diversity: {
      title: 'Diversity',
      hint: 'How different the outputs for the fixed samples are, relative to their inputs, per direction.',
      none: 'after the first sample',
      ok: 'outputs differ',
      collapsing: 'Mode collapse: the generator gives different inputs almost the same output.'
    },
    direction: { AtoB: 'A → B', BtoA: 'B → A' },
    extend: { label: 'Train on to a total of', submit: 'Train on' },
    save: {
      title: 'Save as model',
      hint: 'Saves the generator as of the latest checkpoint (step {step}).',
      hintRunning: 'Saves the generator as of its latest checkpoint; pause first to include the newest steps.',
      noCheckpoint: 'Available after the first checkpoint.',
      name: 'Model name',
      direction: 'Direction',
      taskFromRun: 'From the run (colorization or custom)',
      submit: 'Save as model',
      saving: 'Exporting the generator…',
      saved: 'Saved “{name}” as model {id}.',
      openEditor: 'Open Editor',
      openModels: 'Show in Models'
    }
  },
  models: {
    importTitle: 'Import a model',
    importHint: 'An ONNX generator: RGB → RGB (style) or L → ab (colorize). It is checked, then copied into the library.',
    file: 'ONNX file',
    name: 'Name',
    task: 'Task',
    taskFromFile: 'Work it out from the file',
    licence: 'Licence',
    licenceUnknown: 'unknown',
    import: 'Import',
    imported: 'Imported “{name}”.',
    alreadyInstalled: '“{name}” is already installed.',
    phase: { uploading: 'Sending', checking: 'Checking' },
    empty: 'No models yet. Import an ONNX generator above, or train one on the Train screen.',
    export: 'Export…',
    exportTo: 'Save as',
    exported: 'Saved to {path}',
    remove: 'Remove',
    removeConfirm: 'Remove “{name}”? Versions already made with it stay in the library.',
    pipeline: 'Pipeline',
    sizes: 'Sizes',
    multipleOf: 'multiple of {n} px',
    renderSize: 'renders at {n} px',
    workingSize: 'works at {n} px',
    tile: 'tiles of {n} px',
    credits: 'Credits',
    id: 'Id',
    tasks: { colorize: 'Colorize', style: 'Style', sketch: 'Photo → sketch', 'day-to-night': 'Day → night', custom: 'Custom' },
    pipelines: { 'lab-chroma': 'Lab chroma (keeps the photo’s own lightness)', rgb: 'RGB, tiled at full size' },
    sources: { 'built-in': 'built in', trained: 'trained here', imported: 'imported' }
  },
  settings: {
    language: 'Language',
    library: 'Library location',
    compute: 'Compute backends',
    inference: 'Inference',
    training: 'Training',
    about: 'About',
    version: 'Version',
    door: 'Running as',
    doors: { electron: 'Desktop app', bridge: 'Browser, through the local bridge' },
    provider: 'Run models on',
    unavailable: 'not available here',
    providers: { auto: 'Best available (GPU if one opens)', cpu: 'CPU', cuda: 'NVIDIA CUDA', webgpu: 'WebGPU (any GPU)', dml: 'DirectML (Windows)', coreml: 'Core ML (macOS)' }
  }
}

import { app, BrowserWindow, dialog } from 'electron'
import { join } from 'node:path'
import { StudioError } from '../common/studio-error'
import { createStudio, type Studio } from '../studio'
import { APP_ORIGIN, registerAppScheme, serveAppScheme } from './app-protocol'
import { hardenContents, lockDownSession } from './hardening'
import { isOwnOrigin } from './own-origin'
import { forwardEvents, registerIpc } from './ipc'
import { electronSqliteBinding } from './native-binding'

const devServerUrl = app.isPackaged ? undefined : process.env.ELECTRON_RENDERER_URL
const appRoot = join(import.meta.dirname, '..', '..')

const ownOrigins = devServerUrl ? [APP_ORIGIN, new URL(devServerUrl).origin] : [APP_ORIGIN]
const isOwnUrl = (url: string): boolean => isOwnOrigin(url, ownOrigins)

function createWindow(studio: Studio): void {
  const win = new BrowserWindow({
    width: 1400,
    height: 900,
    minWidth: 900,
    minHeight: 600,
    title: 'GAN Studio',
    show: false,
    backgroundColor: '#15171c',
    webPreferences: {
      preload: join(import.meta.dirname, '..', 'preload', 'index.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: false
    }
  })
  forwardEvents(studio, win.webContents)
  win.once('ready-to-show', () => win.show())
  void win.loadURL(devServerUrl ?? `${APP_ORIGIN}/index.html`)
}

function start(): void {
  registerAppScheme()
  hardenContents(isOwnUrl)
  app.whenReady().then(openStudio)
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit()
  })
}

function openStudio(): void {
  lockDownSession(isOwnUrl)
  let studio: Studio
  try {
    studio = createStudio({ door: 'electron', nativeBinding: electronSqliteBinding(appRoot) })
  } catch (err) {
    dialog.showErrorBox('GAN Studio cannot open its library', err instanceof StudioError ? err.message : String(err))
    app.exit(1)
    return
  }
  serveAppScheme(studio, join(appRoot, 'out', 'renderer'))
  registerIpc(studio, isOwnUrl)
  createWindow(studio)
  app.on('second-instance', () => BrowserWindow.getAllWindows()[0]?.focus())
  app.on('activate', () => BrowserWindow.getAllWindows().length === 0 && createWindow(studio))
  let closing = false
  app.on('before-quit', (event) => {
    if (closing) return
    closing = true
    event.preventDefault()
    void studio.close().finally(() => app.quit())
  })
}

// A second launch hands over to the first window (its 'second-instance' handler) and leaves at once.
if (app.requestSingleInstanceLock()) start()
else app.exit(0)

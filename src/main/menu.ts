// The application menu (the usual roles) and the About text. Pure: the template is plain data.
import type { MenuItemConstructorOptions } from 'electron'

export interface AboutInfo {
  appName: string
  appVersion: string
  vendorName: string
  versions: { electron?: string; chrome?: string; node?: string }
}

export function aboutDetail(info: AboutInfo): string {
  return [
    `Version ${info.appVersion}`,
    `Vendor: ${info.vendorName}`,
    `Electron ${info.versions.electron ?? '?'}`,
    `Chrome ${info.versions.chrome ?? '?'}`,
    `Node ${info.versions.node ?? '?'}`
  ].join('\n')
}

export function menuTemplate(opts: { platform: NodeJS.Platform; appName: string; isDev: boolean; showAbout: () => void }): MenuItemConstructorOptions[] {
  const mac = opts.platform === 'darwin'
  const template: MenuItemConstructorOptions[] = []
  if (mac) template.push({ label: opts.appName, role: 'appMenu' })
  template.push({ role: 'fileMenu' })
  template.push({ role: 'editMenu' })
  const view: MenuItemConstructorOptions[] = [{ role: 'resetZoom' }, { role: 'zoomIn' }, { role: 'zoomOut' }, { type: 'separator' }, { role: 'togglefullscreen' }]
  if (opts.isDev) view.unshift({ role: 'reload' }, { role: 'toggleDevTools' }, { type: 'separator' })
  template.push({ label: 'View', submenu: view })
  template.push({ role: 'windowMenu' })
  const help: MenuItemConstructorOptions[] = []
  if (!mac) help.push({ label: `About ${opts.appName}`, click: () => opts.showAbout() })
  template.push({ role: 'help', submenu: help.length > 0 ? help : [{ role: 'about' }] })
  return template
}

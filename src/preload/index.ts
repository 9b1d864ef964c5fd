// Exposes exactly one object, window.licenseDesk, built from the contract's API_METHODS: one method per
// operation (ipcRenderer.invoke on its fixed channel) plus onProgress. No generic invoke, no ipcRenderer,
// no IPC event objects, no Node objects reach the page.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron'
import { API_GLOBAL, API_METHODS, PROGRESS_CHANNEL, type ApiMethod, type LicenseDeskApi, type ProgressEvent } from '@shared/contract'

function method(channel: (typeof API_METHODS)[ApiMethod]) {
  // Only the first argument crosses; the channel is fixed here, never chosen by the page.
  return (req?: unknown) => (req === undefined ? ipcRenderer.invoke(channel) : ipcRenderer.invoke(channel, req))
}

const api = {
  getAppInfo: method(API_METHODS.getAppInfo),
  getStatus: method(API_METHODS.getStatus),
  activateOnline: method(API_METHODS.activateOnline),
  createOfflineActivationRequest: method(API_METHODS.createOfflineActivationRequest),
  importOfflineActivation: method(API_METHODS.importOfflineActivation),
  getQlmActivationUrl: method(API_METHODS.getQlmActivationUrl),
  activateQlmWithComputerKey: method(API_METHODS.activateQlmWithComputerKey),
  listUserLicenses: method(API_METHODS.listUserLicenses),
  borrowFloating: method(API_METHODS.borrowFloating),
  releaseFloating: method(API_METHODS.releaseFloating),
  deactivateOnline: method(API_METHODS.deactivateOnline),
  deactivateOffline: method(API_METHODS.deactivateOffline),
  cancel: method(API_METHODS.cancel),
  listHistory: method(API_METHODS.listHistory),
  showInFolder: method(API_METHODS.showInFolder),
  openExternal: method(API_METHODS.openExternal),
  copyText: method(API_METHODS.copyText),
  getDiagnostics: method(API_METHODS.getDiagnostics),
  releaseSeat: method(API_METHODS.releaseSeat),
  checkLicense: method(API_METHODS.checkLicense),
  forgetLicense: method(API_METHODS.forgetLicense),
  listReceipts: method(API_METHODS.listReceipts),
  exportReceipt: method(API_METHODS.exportReceipt),
  importReceipt: method(API_METHODS.importReceipt),
  getComputerIds: method(API_METHODS.getComputerIds),
  onProgress(listener: (event: ProgressEvent) => void): () => void {
    if (typeof listener !== 'function') throw new TypeError('onProgress needs a function')
    const wrapped = (_event: IpcRendererEvent, payload: ProgressEvent): void => listener(payload)
    ipcRenderer.on(PROGRESS_CHANNEL, wrapped)
    return () => {
      ipcRenderer.removeListener(PROGRESS_CHANNEL, wrapped)
    }
  }
} satisfies LicenseDeskApi

contextBridge.exposeInMainWorld(API_GLOBAL, api)

// A Desk over the real core, with a conf state file in the demo's data dir and a fixed hardware id.
import Conf from 'conf'
import { createDesk } from '@core/desk'
import { stateFilePath, STATE_FILE_NAME } from '@core/paths'
import { createLocalSecretBox } from '@core/secrets'
import type { Desk, DeskDeps } from '@core/types'
import type { Profile } from '@core/profile'

export const TEST_HWID = 'a'.repeat(64)

export function makeDesk(dataDir: string, profile: Profile, over: Partial<DeskDeps> = {}): Desk {
  return createDesk({
    profile,
    statePath: stateFilePath(dataDir),
    openBackend: () => new Conf<Record<string, unknown>>({ cwd: dataDir, configName: STATE_FILE_NAME, projectName: 'license-desk', clearInvalidConfig: false }),
    secrets: createLocalSecretBox(dataDir),
    hardwareId: { get: async () => ({ id: TEST_HWID, source: 'test:fixed' }) },
    timeoutMs: 2000,
    retryBaseMs: 10,
    appVersion: 'test',
    ...over
  })
}

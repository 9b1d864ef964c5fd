#!/usr/bin/env node
// The license-desk command: runs out/node/cli.js (built on first use).
'use strict'
require('./run-built')('cli', 'license-desk')

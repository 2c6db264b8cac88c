-- Driven by tests/editor_neovim.rs after the README's Neovim 0.7 snippet (init.lua) has
-- attached tauri-acl to the capability file given on the command line. Uses only the
-- Neovim 0.7 API. Writes what it saw as JSON to $TAURI_ACL_RESULT and quits; the Rust
-- test asserts on it. Any failure is recorded with the step it happened in.

local result = { steps = {} }
local step = 'start'
local TIMEOUT = 20000

local function finish(ok, err)
  result.ok = ok
  result.error = err and (step .. ': ' .. tostring(err)) or nil
  result.lsp_log = vim.lsp.get_log_path()
  local file = assert(io.open(os.getenv('TAURI_ACL_RESULT'), 'w'))
  file:write(vim.fn.json_encode(result))
  file:close()
  vim.cmd(ok and 'qall!' or 'cquit!')
end

local function lines(bufnr)
  return vim.api.nvim_buf_get_lines(bufnr, 0, -1, false)
end

-- The 0-based line and byte column of `needle`, plus its UTF-16 column.
local function find(bufnr, needle)
  for index, line in ipairs(lines(bufnr)) do
    local col = line:find(needle, 1, true)
    if col then
      local _, utf16 = vim.str_utfindex(line, col - 1)
      return index - 1, col - 1, utf16
    end
  end
  error('`' .. needle .. '` not in the buffer')
end

local function request(bufnr, method, params)
  local responses, err = vim.lsp.buf_request_sync(bufnr, method, params, TIMEOUT)
  assert(responses, method .. ' failed: ' .. tostring(err))
  for _, response in pairs(responses) do
    assert(response.error == nil, method .. ': ' .. vim.inspect(response.error))
    return response.result
  end
  error(method .. ': no response')
end

local function position_params(bufnr, needle, offset)
  local line, _, utf16 = find(bufnr, needle)
  return {
    textDocument = { uri = vim.uri_from_bufnr(bufnr) },
    position = { line = line, character = utf16 + (offset or 0) },
  }
end

local function vim_diagnostics(bufnr)
  return vim.tbl_map(function(diagnostic)
    local lsp = diagnostic.user_data and diagnostic.user_data.lsp or {}
    return {
      lnum = diagnostic.lnum,
      col = diagnostic.col,
      end_col = diagnostic.end_col,
      severity = diagnostic.severity,
      message = diagnostic.message,
      code = diagnostic.code or lsp.code,
    }
  end, vim.diagnostic.get(bufnr))
end

local ok, err = pcall(function()
  local bufnr = vim.api.nvim_get_current_buf()

  step = 'attach'
  assert(vim.wait(TIMEOUT, function() return next(vim.lsp.buf_get_clients(bufnr)) ~= nil end, 20), 'no client attached')
  local _, client = next(vim.lsp.buf_get_clients(bufnr))
  result.client = { name = client.name, root_dir = client.config.root_dir, offset_encoding = client.offset_encoding }

  step = 'diagnostics'
  assert(vim.wait(TIMEOUT, function() return #vim.diagnostic.get(bufnr) > 0 end, 20), 'no diagnostics')
  result.diagnostics = vim_diagnostics(bufnr)
  local typo_line, typo_col = find(bufnr, '"dialog:defualt"')
  result.typo = { lnum = typo_line, col = typo_col }

  step = 'completion'
  local completion = request(bufnr, 'textDocument/completion', position_params(bufnr, '"dialog:defualt"', #'"dialog:'))
  local items = completion and (completion.items or completion) or {}
  result.completion = vim.tbl_map(function(item) return item.label end, items)

  step = 'hover'
  local hover = request(bufnr, 'textDocument/hover', position_params(bufnr, '"core:default"', 3))
  result.hover = hover and hover.contents and (hover.contents.value or hover.contents) or vim.NIL

  step = 'definition'
  local function definition(needle)
    local found = request(bufnr, 'textDocument/definition', position_params(bufnr, needle, 2))
    local target = found and (found[1] or found)
    assert(target, 'no definition of ' .. needle)
    local uri = target.uri or target.targetUri
    local range = target.range or target.targetSelectionRange
    local file_lines = vim.fn.readfile(vim.uri_to_fname(uri))
    return { file = vim.uri_to_fname(uri), line = range.start.line, text = file_lines[range.start.line + 1] }
  end
  result.definition = definition('"allow-greet-user"')
  result.plugin_definition = definition('"opener:default"')

  step = 'code action'
  local line_diagnostics = vim.lsp.diagnostic.get_line_diagnostics(bufnr, typo_line)
  local params = vim.lsp.util.make_range_params()
  params.range = line_diagnostics[1].range
  params.context = { diagnostics = line_diagnostics, only = { 'quickfix' } }
  local actions = request(bufnr, 'textDocument/codeAction', params) or {}
  result.code_actions = vim.tbl_map(function(action) return action.title end, actions)
  local chosen
  for _, action in ipairs(actions) do
    if action.title == 'Replace with `dialog:default`' then chosen = action end
  end
  assert(chosen and chosen.edit, 'no edit titled "Replace with `dialog:default`"')
  vim.lsp.util.apply_workspace_edit(chosen.edit, client.offset_encoding)
  result.text_after_fix = table.concat(lines(bufnr), '\n') .. '\n'

  step = 'diagnostics after the fix'
  assert(vim.wait(TIMEOUT, function() return #vim.diagnostic.get(bufnr) == 0 end, 20), 'the fix left diagnostics')
  result.diagnostics_after_fix = vim_diagnostics(bufnr)

  step = 'attaching to other files'
  -- A plugin's permission file in the cargo home has no Tauri config above it: it joins
  -- the running client. An unrelated JSON file in the app gets no client at all.
  vim.cmd('edit ' .. vim.fn.fnameescape(result.plugin_definition.file))
  local plugin_clients = vim.tbl_keys(vim.lsp.buf_get_clients(0))
  vim.cmd('edit ' .. vim.fn.fnameescape(os.getenv('TAURI_ACL_UNRELATED')))
  local unrelated_clients = vim.tbl_keys(vim.lsp.buf_get_clients(0))
  result.attached = { plugin_file = plugin_clients, unrelated_file = unrelated_clients, capability_file = client.id }
end)

if ok then
  finish(true)
else
  finish(false, err)
end

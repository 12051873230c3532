-- Rebound playbooks and their tests in Neovim 0.10+: put this in init.lua (or
-- ~/.config/nvim/plugin/rebound.lua). `rebound` must be on PATH.
vim.filetype.add({
  extension = {
    playbook = 'rebound-playbook',
    -- `.test` is a common extension: claim it only when the file names a playbook.
    test = function(_, bufnr)
      local first = vim.api.nvim_buf_get_lines(bufnr, 0, 20, false)
      for _, line in ipairs(first) do
        if line:match('^playbook%s') then return 'rebound-test' end
      end
    end,
  },
})

vim.api.nvim_create_autocmd('FileType', {
  pattern = { 'rebound-playbook', 'rebound-test' },
  callback = function(args)
    vim.bo[args.buf].commentstring = '# %s'
    vim.lsp.start({
      name = 'rebound',
      cmd = { 'rebound', 'lsp' },
      root_dir = vim.fs.root(args.buf, { '.git', 'playbooks' }) or vim.fs.dirname(args.file),
    })
  end,
})

-- With nvim-lspconfig instead, register the same command once:
--   require('lspconfig.configs').rebound = { default_config = {
--     cmd = { 'rebound', 'lsp' }, filetypes = { 'rebound-playbook', 'rebound-test' },
--     root_dir = require('lspconfig.util').root_pattern('.git', 'playbooks') } }
--   require('lspconfig').rebound.setup({})

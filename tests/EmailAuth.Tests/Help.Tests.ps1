# Help for every cmdlet and parameter, and every help example run offline on the bundled samples.
BeforeDiscovery {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    $cmdlets = (Get-Command -Module EmailAuth).Name | Sort-Object
    $examples = foreach ($name in $cmdlets) {
        $i = 0
        foreach ($example in (Get-Help -Name $name -Full).examples.example) {
            @{ Cmdlet = $name; Number = ++$i; Code = ($example.code | Out-String).Trim() }
        }
    }
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
}

Describe 'Help for <_>' -ForEach $cmdlets {
    BeforeAll {
        $name = $_
        $help = Get-Help -Name $name -Full
    }

    It 'has a synopsis written for it' {
        # Without a help file, Get-Help makes the synopsis from the syntax ("Get-X [-P] <T> ...").
        $help.Synopsis.Trim() | Should -Not -BeNullOrEmpty
        $help.Synopsis.Trim() | Should -Not -BeLike "$name*"
    }

    It 'has a description' {
        ($help.description.Text -join '').Trim() | Should -Not -BeNullOrEmpty
    }

    It 'has at least two examples' {
        @($help.examples.example).Count | Should -BeGreaterOrEqual 2
    }

    It 'describes every parameter the cmdlet has' {
        $common = [System.Management.Automation.Cmdlet]::CommonParameters + [System.Management.Automation.Cmdlet]::OptionalCommonParameters
        $undocumented = (Get-Command $name).Parameters.Keys | Where-Object { $_ -notin $common } | Where-Object {
            -not ((Get-Help -Name $name -Parameter $_).description.Text -join '').Trim()
        }
        $undocumented | Should -BeNullOrEmpty
    }
}

Describe '-TimeoutSec help' {
    It 'gives the per-item time limit of <_>' -ForEach 'Get-SpfRecord', 'Test-SpfHost' {
        ((Get-Help $_ -Parameter TimeoutSec).description.Text -join ' ') | Should -Match ([regex]::Escape('max(20, 4 × TimeoutSec × servers)'))
    }
}

Describe 'Help examples' {
    It '<Cmdlet> example <Number> runs offline without errors' -ForEach $examples {
        # A fresh runspace for each, as a user would paste it; no -Server example may need the network.
        $r = Invoke-InRunspace -Script $Code
        $r.Errors | ForEach-Object { "$_" } | Should -BeNullOrEmpty
        $r.Output | Should -Not -BeNullOrEmpty
    }
}

Describe 'about_EmailAuth' {
    It 'is found by Get-Help and explains zone files and codes' {
        $text = Get-Help about_EmailAuth | Out-String
        $text | Should -Match '-ZoneFile'
        $text | Should -Match 'SPF_NO_RECORD'
    }
}

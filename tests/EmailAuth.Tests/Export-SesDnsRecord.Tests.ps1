# Export-SesDnsRecord: records of identities read from the AWS emulator, written as BIND, CSV and JSON.
BeforeDiscovery {
    . (Join-Path $PSScriptRoot 'Helpers' 'Peers.ps1')
    $noCheckZone = Test-SkipPeer named-checkzone
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    $aws = Start-AwsEmulator
    $A = @{ EndpointUrl = $aws.Endpoint; Credential = $aws.AccountA.Credential }
    $null = Invoke-AwsEmulatorControl $aws identity @{ Identity = 'shop.example'; Region = 'us-east-1'; MailFromDomain = 'mail.shop.example' }
    $records = Get-SesIdentity @A -Region us-east-1 -Identity shop.example | Get-SesDnsRecord -NoDmarc
}

AfterAll {
    Stop-AwsEmulator $aws
}

Describe 'Export-SesDnsRecord' {
    It 'writes BIND lines with absolute names that named-checkzone loads' -Skip:$noCheckZone {
        $bind = $records | Export-SesDnsRecord -Format Bind
        $bind | Should -BeOfType ([string])
        $bind | Should -Match 'mail\.shop\.example\.\t1800\tIN\tMX\t10 feedback-smtp\.us-east-1\.amazonses\.com\.'
        $zone = Join-Path $TestDrive 'shop.example.zone'
        Set-Content -Path $zone -Value ("`$TTL 300`nshop.example. IN SOA ns.shop.example. h.shop.example. 1 7200 900 1209600 300`nshop.example. IN NS ns.shop.example.`nns.shop.example. IN A 192.0.2.1`n" + $bind)
        $out = & (Get-RequiredPeer named-checkzone) -k fail -n fail shop.example $zone 2>&1
        $LASTEXITCODE | Should -Be 0 -Because ($out -join "`n")
    }

    It 'writes CSV that Import-Csv reads back, one row per value' {
        $rows = $records | Export-SesDnsRecord -Format Csv | ConvertFrom-Csv
        @($rows).Count | Should -Be 5
        ($rows | Where-Object Type -eq TXT).Value | Should -Be '"v=spf1 include:amazonses.com ~all"'
    }

    It 'writes JSON with names, values and the TXT text' {
        $json = $records | Export-SesDnsRecord -Format Json | ConvertFrom-Json
        ($json | Where-Object Purpose -eq MailFromSpf).Text | Should -Be 'v=spf1 include:amazonses.com ~all'
    }

    It 'writes a file with -Path and nothing with -WhatIf' {
        $path = Join-Path $TestDrive 'records.zone'
        $records | Export-SesDnsRecord -Format Bind -Path $path -WhatIf
        Test-Path $path | Should -BeFalse
        $file = $records | Export-SesDnsRecord -Format Bind -Path $path
        $file | Should -BeOfType ([System.IO.FileInfo])
        Get-Content -Raw $path | Should -Match 'IN\tCNAME\t'
        { $records | Export-SesDnsRecord -Path $path -NoClobber -ErrorAction Stop } | Should -Throw -ErrorId 'SesDnsExportFileExists*'
    }
}

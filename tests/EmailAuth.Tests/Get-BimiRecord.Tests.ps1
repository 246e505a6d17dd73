BeforeDiscovery {
    . (Join-Path $PSScriptRoot 'Helpers' 'Peers.ps1')
    $noKnot = Test-SkipPeer knotd
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    $RecordsZone = Join-Path $RepoRoot 'tests' 'Fixtures' 'zones' 'records' 'test.zone'
}

Describe 'Get-BimiRecord' {
    Context 'the sample zone' {
        It 'reads the good record of example.com and its enforcing DMARC policy' {
            $info = Get-BimiRecord example.com -ZoneFile $Zone
            $info | Should -BeOfType ([EmailAuth.Core.Bimi.BimiRecordInfo])
            $info.QueryName | Should -Be 'default._bimi.example.com'
            $info.Location | Should -Be 'https://example.com/brand/logo.svg'
            $info.Authority | Should -Be 'https://example.com/brand/vmc.pem'
            $info.DmarcPolicy | Should -Be Reject
            $info.IsValid | Should -BeTrue
            $info.Findings | Should -BeNullOrEmpty
        }

        It 'falls back to default._bimi of the Organizational Domain for www and for an unknown selector' {
            $www = Get-BimiRecord www.example.com -ZoneFile $Zone
            $www.IsFallback | Should -BeTrue
            $www.Findings.Code | Should -Be 'BIMI_ORG_DOMAIN_FALLBACK'
            (Get-BimiRecord example.com -Selector brand -ZoneFile $Zone).QueryName | Should -Be 'default._bimi.example.com'
        }

        It 'finds <Domain>: <Code>' -ForEach @(
            @{ Domain = 'bimi-bad.example.com'; Code = 'BIMI_LOCATION_NOT_HTTPS' }
            @{ Domain = 'bimi-bad.example.com'; Code = 'BIMI_AUTHORITY_NOT_HTTPS' }
            @{ Domain = 'bimi-bad.example.com'; Code = 'BIMI_DMARC_NOT_ENFORCED' }
            @{ Domain = 'bimi-bad.example.com'; Code = 'BIMI_DMARC_PCT_BELOW_100' }
            @{ Domain = 'bimi-bad.example.com'; Code = 'BIMI_DMARC_SP_NONE' }
            @{ Domain = 'bimi-bad.example.com'; Code = 'BIMI_DMARC_TESTING' }
            @{ Domain = 'bimi-none.example.com'; Code = 'BIMI_DECLINED' }
            @{ Domain = 'bimi-dup.example.com'; Code = 'BIMI_MULTIPLE_RECORDS' }
        ) {
            $info = Get-BimiRecord $Domain -ZoneFile $Zone
            $info.Findings.Code | Should -Contain $Code
            $info.IsValid | Should -BeFalse
        }

        It 'returns BIMI_NO_RECORD for a name outside every zone, without an error' {
            $info = Get-BimiRecord example.org -ZoneFile $Zone -ErrorVariable errs
            $errs | Should -BeNullOrEmpty
            $info.Findings.Code | Should -Contain 'BIMI_NO_RECORD'
        }

        It 'binds FromDomain by property name and writes InvalidDomainName for bad names' {
            $out = [pscustomobject]@{ FromDomain = 'example.com' }, 'bad..name' |
                Get-BimiRecord -ZoneFile $Zone -ErrorVariable errs -ErrorAction SilentlyContinue
            $out.Domain | Should -Be 'example.com'
            $errs | Get-ErrorId | Should -Be 'InvalidDomainName'
        }

        It 'refuses a bad -Selector with the terminating error InvalidSelector' {
            { Get-BimiRecord example.com -Selector 'a b' -ZoneFile $Zone -ErrorAction Stop } |
                Should -Throw -ErrorId 'InvalidSelector,EmailAuth.Commands.GetBimiRecordCommand'
        }

        It 'shows a table with the domain and where the record was found' {
            $text = Get-BimiRecord example.com -ZoneFile $Zone | Out-String -Width 200
            $text | Should -Match 'default\._bimi\.example\.com'
            $text | Should -Match 'QueryName'
        }
    }

    Context 'against a real DNS server (knotd)' -Skip:$noKnot {
        BeforeAll { $knot = Start-KnotServer -Zone @{ 'test' = $RecordsZone } }
        AfterAll { if ($knot) { Stop-KnotServer $knot } }

        It 'reads a good record and a record at another selector' {
            $good, $brand = (Get-BimiRecord good.test -Server $knot.Address), (Get-BimiRecord good.test -Selector brand -Server $knot.Address)
            $good.IsValid | Should -BeTrue
            $brand.Location | Should -Be 'https://good.test/brand/other.svg'
        }

        It 'checks the DMARC prerequisites' {
            (Get-BimiRecord weak.test -Server $knot.Address).Findings.Code |
                Should -Contain 'BIMI_DMARC_PCT_BELOW_100'
            (Get-BimiRecord nodmarc.test -Server $knot.Address).Findings.Code | Should -Contain 'BIMI_DMARC_MISSING'
        }

        It 'writes BimiDnsError after the object when the lookup fails' {
            $info = Get-BimiRecord example.invalid -Server $knot.Address -ErrorVariable errs -ErrorAction SilentlyContinue
            $info.Findings.Code | Should -Contain 'BIMI_DNS_ERROR'
            $info.Findings.Code | Should -Not -Contain 'BIMI_NO_RECORD'
            $errs | Get-ErrorId | Should -Be 'BimiDnsError'
        }
    }
}

Describe 'Get-BimiRecord progress' {
    It 'reports progress for several domains and completes it' {
        $r = Invoke-InRunspace -Variable @{ zone = $Zone } -Script @'
'example.com', 'bimi-bad.example.com' | Get-BimiRecord -ZoneFile $zone
'@
        $r.Output | Should -HaveCount 2
        $r.Progress | Where-Object { $_.Activity -eq 'Get-BimiRecord' -and $_.RecordType -eq 'Processing' } | Should -Not -BeNullOrEmpty
        $r.Progress[-1].RecordType | Should -Be Completed
    }
}

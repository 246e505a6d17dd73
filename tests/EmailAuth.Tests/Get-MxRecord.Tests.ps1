BeforeDiscovery {
    . (Join-Path $PSScriptRoot 'Helpers' 'Peers.ps1')
    $noKnot = Test-SkipPeer knotd
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    $RecordsZone = Join-Path $RepoRoot 'tests' 'Fixtures' 'zones' 'records' 'test.zone'
}

Describe 'Get-MxRecord' {
    Context 'the sample zone' {
        It 'lists the hosts of mx-good.example.com by preference with their addresses' {
            $info = Get-MxRecord mx-good.example.com -ZoneFile $Zone
            $info | Should -BeOfType ([EmailAuth.Core.Mx.MxRecordInfo])
            $info.Hosts.Exchange | Should -Be 'mx1.mx-good.example.com', 'mx2.mx-good.example.com'
            $info.Hosts[0].Addresses | Should -Be '192.0.2.101', '2001:db8::101'
            $info.AcceptsMail | Should -BeTrue
            $info.IsValid | Should -BeTrue
            $info.Findings | Should -BeNullOrEmpty
        }

        It 'reads a null MX as "accepts no mail"' {
            $info = Get-MxRecord mx-null.example.com -ZoneFile $Zone
            $info.IsNullMx | Should -BeTrue
            $info.AcceptsMail | Should -BeFalse
            $info.Findings.Code | Should -Be 'MX_NULL'
        }

        It 'finds <Code> at mx-bad.example.com' -ForEach @(
            @{ Code = 'MX_NULL_MIXED' }, @{ Code = 'MX_TARGET_CNAME' }, @{ Code = 'MX_TARGET_IP_LITERAL' },
            @{ Code = 'MX_TARGET_NO_ADDRESS' }, @{ Code = 'MX_TARGET_NXDOMAIN' }
        ) {
            (Get-MxRecord mx-bad.example.com -ZoneFile $Zone).Findings.Code | Should -Contain $Code
        }

        It 'uses the address of a name without MX as implicit MX' {
            $info = Get-MxRecord www.example.com -ZoneFile $Zone
            $info.IsImplicit | Should -BeTrue
            $info.Hosts.Addresses | Should -Be '192.0.2.10'
            $info.Findings.Code | Should -Be 'MX_NO_RECORDS'
        }

        It 'takes domains from the pipeline by property name and writes InvalidDomainName for bad names' {
            $out = [pscustomobject]@{ Domain = 'mx-good.example.com' }, 'bad..name' |
                Get-MxRecord -ZoneFile $Zone -ErrorVariable errs -ErrorAction SilentlyContinue
            $out.Domain | Should -Be 'mx-good.example.com'
            $errs | Get-ErrorId | Should -Be 'InvalidDomainName'
        }

        It 'shows the hosts in the table view' {
            Get-MxRecord mx-good.example.com -ZoneFile $Zone | Out-String -Width 200 | Should -Match '10 mx1\.mx-good\.example\.com, 20 mx2\.mx-good\.example\.com'
        }
    }

    Context 'against a real DNS server (knotd)' -Skip:$noKnot {
        BeforeAll { $knot = Start-KnotServer -Zone @{ 'test' = $RecordsZone } }
        AfterAll { if ($knot) { Stop-KnotServer $knot } }

        It 'sorts by preference and resolves each target' {
            $info = Get-MxRecord good.test -Server $knot.Address
            $info.Hosts.Preference | Should -Be 10, 20
            $info.Hosts[1].Addresses | Should -Be '192.0.2.26'
        }

        It 'reports a CNAME target with its chain' {
            $info = Get-MxRecord cname.test -Server $knot.Address
            $info.Findings.Code | Should -Be 'MX_TARGET_CNAME'
            $info.Hosts.CnameChain | Should -Contain 'mx1.good.test'
        }

        It 'writes MxDnsError after the object when the MX query fails, and no MX_NO_RECORDS' {
            $info = Get-MxRecord example.invalid -Server $knot.Address -ErrorVariable errs -ErrorAction SilentlyContinue
            $info.Findings.Code | Should -Be 'MX_DNS_ERROR'
            $errs | Get-ErrorId | Should -Be 'MxDnsError'
        }

        It 'keeps a failed address query of one target a warning, without an error record' {
            $info = Get-MxRecord ext.test -Server $knot.Address -ErrorVariable errs
            ($info.Findings | Where-Object Code -eq 'MX_DNS_ERROR').Severity | Should -Be Warning
            $errs | Should -BeNullOrEmpty
        }
    }
}

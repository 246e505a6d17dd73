BeforeDiscovery {
    . (Join-Path $PSScriptRoot 'Helpers' 'Peers.ps1')
    $noKnot = Test-SkipPeer knotd
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    $DmarcZone = Join-Path $RepoRoot 'tests' 'Fixtures' 'zones' 'dmarc' 'test.zone'
}

Describe 'Resolve-OrganizationalDomain' {
    Context 'Public Suffix List' {
        It 'gives the registrable domain by the embedded list, without DNS' {
            $out = 'mail.example.com', 'www.example.co.uk', 'foo.blogspot.com', 'www.city.kobe.jp' |
                Resolve-OrganizationalDomain -Method PublicSuffixList -Server 127.0.0.1:9   # no query may be sent
            $out | Should -BeOfType ([EmailAuth.Core.Domains.OrganizationalDomainInfo])
            $out.OrganizationalDomain | Should -Be 'example.com', 'example.co.uk', 'foo.blogspot.com', 'city.kobe.jp'
            $out[3].Rule | Should -Be '!city.kobe.jp'
            $out[0].ListSource | Should -Match 'embedded'
            $out.Queries | Should -BeNullOrEmpty
        }

        It 'converts internationalized names and ignores case and a trailing dot' {
            (Resolve-OrganizationalDomain 'WWW.食狮.公司.CN.' -Method PublicSuffixList).OrganizationalDomain | Should -Be 'xn--85x722f.xn--55qx5d.cn'
        }

        It 'reads another list with -PublicSuffixListPath, relative to the location' {
            Set-Content (Join-Path $TestDrive 'list.dat') "example`n*.wild.example`n"
            Push-Location $TestDrive
            try { $out = Resolve-OrganizationalDomain a.b.x.wild.example -Method PublicSuffixList -PublicSuffixListPath ./list.dat }
            finally { Pop-Location }
            $out.OrganizationalDomain | Should -Be 'b.x.wild.example'
            $out.ListSource | Should -Be (Join-Path $TestDrive 'list.dat')
        }

        It 'stops with PublicSuffixListNotFound for a missing file' {
            { Resolve-OrganizationalDomain example.com -Method PublicSuffixList -PublicSuffixListPath (Join-Path $TestDrive 'nope.dat') -ErrorAction Stop } |
                Should -Throw -ErrorId 'PublicSuffixListNotFound,EmailAuth.Commands.ResolveOrganizationalDomainCommand'
        }

        It 'stops with PublicSuffixListUnreadable for a file with no rules' {
            Set-Content (Join-Path $TestDrive 'empty.dat') '// nothing here'
            { Resolve-OrganizationalDomain example.com -PublicSuffixListPath (Join-Path $TestDrive 'empty.dat') -ErrorAction Stop } |
                Should -Throw -ErrorId 'PublicSuffixListUnreadable,EmailAuth.Commands.ResolveOrganizationalDomainCommand'
        }
    }

    Context 'tree walk on zone files' {
        It 'walks the sample zone and names the record that decided' {
            $out = Resolve-OrganizationalDomain www.example.com -ZoneFile $Zone
            $out.Method | Should -Be TreeWalk
            $out.OrganizationalDomain | Should -Be 'example.com'
            $out.Queries.QueryName | Should -Be '_dmarc.www.example.com', '_dmarc.example.com', '_dmarc.com'
            $out.Reason | Should -Match 'fewest labels'
        }

        It 'writes InvalidDomainName and goes on' {
            $out = 'bad..name', 'www.example.com' | Resolve-OrganizationalDomain -ZoneFile $Zone -ErrorVariable errs -ErrorAction SilentlyContinue
            $errs | Get-ErrorId | Should -Be 'InvalidDomainName'
            $out.Domain | Should -Be 'www.example.com'
        }

        It 'shows each query with -Verbose' {
            $r = Invoke-InRunspace -Script "Resolve-OrganizationalDomain www.example.com -ZoneFile '$Zone' -Verbose"
            ($r.Verbose | Where-Object { "$_" -match '_dmarc\.' }).Count | Should -Be 3
        }
    }

    Context 'against a real DNS server (knotd)' -Skip:$noKnot {
        BeforeAll { $knot = Start-KnotServer -Zone @{ 'test' = $DmarcZone } }
        AfterAll { if ($knot) { Stop-KnotServer $knot } }

        It 'follows psd=y: the name one label below the public suffix domain' {
            $out = Resolve-OrganizationalDomain a.b.psd.test -Server $knot.Address
            $out.OrganizationalDomain | Should -Be 'b.psd.test'
            $out.Queries.Psd | Should -Contain ([EmailAuth.Core.Dmarc.DmarcPsd]::Y)
        }

        It 'sends at most 8 queries for a name of 10 labels' {
            $out = Resolve-OrganizationalDomain a.b.c.d.e.f.g.h.example.test -Server $knot.Address
            $out.Queries | Should -HaveCount 8
            $out.Queries[1].Domain | Should -Be 'd.e.f.g.h.example.test'
        }

        It 'reports a refused query as OrganizationalDomainDnsError, never as an answer' {
            $out = Resolve-OrganizationalDomain example.invalid -Server $knot.Address -ErrorVariable errs -ErrorAction SilentlyContinue
            $out.OrganizationalDomain | Should -BeNullOrEmpty
            $out.Error | Should -Match 'Refused'
            $errs | Get-ErrorId | Should -Be 'OrganizationalDomainDnsError'
        }
    }
}

Describe 'Resolve-OrganizationalDomain progress' {
    It 'reports progress for several domains and completes it' {
        $r = Invoke-InRunspace -Variable @{ zone = $Zone } -Script @'
'a.example.com', 'b.example.com', 'c.example.com' | Resolve-OrganizationalDomain -ZoneFile $zone
'@
        $r.Output | Should -Not -BeNullOrEmpty
        $r.Progress | Where-Object { $_.Activity -eq 'Resolve-OrganizationalDomain' -and $_.CurrentOperation -eq 'c.example.com' -and $_.RecordType -eq 'Processing' } |
            Should -Not -BeNullOrEmpty
        $r.Progress[-1].RecordType | Should -Be Completed
    }

    It 'writes no progress for a single domain' {
        (Invoke-InRunspace -Variable @{ zone = $Zone } -Script 'Resolve-OrganizationalDomain a.example.com -ZoneFile $zone').Progress | Should -BeNullOrEmpty
    }
}

BeforeDiscovery {
    . (Join-Path $PSScriptRoot 'Helpers' 'Peers.ps1')
    $noKnot = Test-SkipPeer knotd
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    $AlignmentZone = Join-Path $RepoRoot 'tests' 'Fixtures' 'zones' 'alignment' 'test.zone'
}

Describe 'Test-DkimAlignment' {
    It 'does not align d=amazonses.com (an SES email-address identity) with example.com' {
        $r = Test-DkimAlignment -FromDomain example.com -SigningDomain amazonses.com -ZoneFile $Zone
        $r | Should -BeOfType ([EmailAuth.Core.Alignment.AlignmentResult])
        $r.Identifier | Should -Be Dkim
        $r.Aligned | Should -BeFalse
        $r.Reason | Should -BeLike 'The DKIM signing domain (d=) amazonses.com*not aligned.'
    }

    It 'aligns <_> with www.example.com in relaxed mode' -ForEach 'example.com', 'mail.example.com', 'WWW.Example.com.' {
        $r = Test-DkimAlignment -FromDomain www.example.com -SigningDomain $_ -ZoneFile $Zone
        $r.Aligned | Should -BeTrue
        $r.Mode | Should -Be Relaxed
    }

    It 'uses the published adkim=s without -Mode' {
        $r = Test-DkimAlignment strict.test mail.strict.test -ZoneFile $AlignmentZone
        $r.Mode | Should -Be Strict
        $r.ModeSource | Should -Be 'adkim=s at _dmarc.strict.test'
        $r.Aligned | Should -BeFalse
        (Test-DkimAlignment strict.test strict.test -ZoneFile $AlignmentZone).Aligned | Should -BeTrue
    }

    It 'separates the children of a public suffix domain (psd=y)' {
        (Test-DkimAlignment a.psd.test b.psd.test -ZoneFile $AlignmentZone).Aligned | Should -BeFalse
        (Test-DkimAlignment a.psd.test x.a.psd.test -ZoneFile $AlignmentZone).Aligned | Should -BeTrue
    }

    It 'compares internationalized names in A-labels' {
        $r = Test-DkimAlignment -FromDomain 'bücher.test' -SigningDomain 'xn--bcher-kva.test' -Mode Strict -ZoneFile $AlignmentZone
        $r.Aligned | Should -BeTrue
        $r.FromDomain | Should -Be 'xn--bcher-kva.test'
    }

    It 'binds HeaderFrom and DkimDomain by property name' {
        $r = [pscustomobject]@{ HeaderFrom = 'example.com'; DkimDomain = 'mail.example.com' } | Test-DkimAlignment -ZoneFile $Zone
        $r.Aligned | Should -BeTrue
    }

    It 'writes InvalidDomainName for a bad name' {
        $null = Test-DkimAlignment 'bad..name' example.com -ZoneFile $Zone -ErrorVariable errs -ErrorAction SilentlyContinue
        $errs | Get-ErrorId | Should -Be 'InvalidDomainName'
    }

    Context 'against a real DNS server (knotd)' -Skip:$noKnot {
        BeforeAll { $knot = Start-KnotServer -Zone @{ 'test' = $AlignmentZone } }
        AfterAll { if ($knot) { Stop-KnotServer $knot } }

        It 'aligns by the tree walk over the network' {
            (Test-DkimAlignment www.example.test mail.example.test -Server $knot.Address -TimeoutSec 10).Aligned | Should -BeTrue
        }

        It 'writes AlignmentDnsError after the object when an Organizational Domain is unknown' {
            $r = Test-DkimAlignment example.test signer.invalid -Mode Relaxed -Server $knot.Address -TimeoutSec 10 -ErrorVariable errs -ErrorAction SilentlyContinue
            $r.Aligned | Should -BeFalse
            $r.Error | Should -BeLike 'the Organizational Domain of signer.invalid is unknown*'
            $errs | Get-ErrorId | Should -Be 'AlignmentDnsError'
        }
    }

    It 'refuses -Server together with -ZoneFile' {
        { Test-DkimAlignment example.com example.com -Server 192.0.2.53 -ZoneFile $Zone } | Should -Throw -ErrorId 'AmbiguousParameterSet*'
    }
}

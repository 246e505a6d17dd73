BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
}

Describe 'ConvertFrom-SpfRecord' {
    It 'parses terms without DNS' {
        $info = ConvertFrom-SpfRecord -Record 'v=spf1 ip4:192.0.2.0/24 include:_spf.example.com ~all' -Domain example.com
        $info | Should -BeOfType ([EmailAuth.Core.Spf.SpfRecordInfo])
        $info.Domain | Should -Be 'example.com'
        $info.IsValid | Should -BeTrue
        $info.Terms.Mechanism | Should -Be 'ip4', 'include', 'all'
        "$($info.Terms[2].Qualifier)" | Should -Be '~'
        $info.DnsLookupCount | Should -Be 1
    }

    It 'binds records by value; invalid text is not valid and says why' {
        $out = 'v=spf1 -all', 'v=spf1 ip4:192.0.2.300 -all' | ConvertFrom-SpfRecord
        $out.IsValid | Should -Be $true, $false
        $out[1].Findings.Code | Should -Contain 'SPF_SYNTAX_ERROR'
    }

    It 'binds Record and Domain by property name' {
        $info = [pscustomobject]@{ Record = 'v=spf1 mx -all'; Domain = 'example.org' } | ConvertFrom-SpfRecord
        $info.Domain | Should -Be 'example.org'
        $info.Record | Should -Be 'v=spf1 mx -all'
    }

    It 're-parses Get-SpfRecord output offline' {
        $info = Get-SpfRecord typo.example.com -ZoneFile $Zone | ConvertFrom-SpfRecord
        $info.Domain | Should -Be 'typo.example.com'
        $info.Record | Should -Be 'v=spf1 include:amazoneses.example ~all'
    }

    It 'finds shadowed and risky terms before publishing' {
        $info = ConvertFrom-SpfRecord -Record 'v=spf1 ptr include:_spf.example.com ip4:192.0.2.0/24 ip4:192.0.2.10 ?all' -Domain example.com
        $info.Findings.Code | Should -Be 'SPF_PTR_MECHANISM', 'SPF_SHADOWED_TERM', 'SPF_NEUTRAL_ALL'
    }

    It 'writes InvalidDomainName for a bad -Domain and goes on' {
        $out = ConvertFrom-SpfRecord 'v=spf1 -all' -Domain 'a..b' -ErrorVariable errs -ErrorAction SilentlyContinue
        $errs | Get-ErrorId | Should -Be 'InvalidDomainName'
        $out | Should -BeNullOrEmpty
    }
}

Describe 'ConvertFrom-SpfRecord on very long records' {
    It 'checks the first 1,000 terms for duplicates and says the rest were not (SPF_ANALYSIS_TRUNCATED)' {
        $record = 'v=spf1 ' + ((@('ip4:192.0.2.0/24') * 1500) -join ' ') + ' -all'
        $info = ConvertFrom-SpfRecord $record -Domain example.com
        $truncated = $info.Findings | Where-Object Code -EQ 'SPF_ANALYSIS_TRUNCATED'
        $truncated | Should -HaveCount 1
        "$($truncated.Severity)" | Should -Be 'Info'
        $truncated.Message | Should -BeLike '*1501 terms*first 1000*501 not checked*'
        @($info.Findings | Where-Object Code -EQ 'SPF_DUPLICATE_TERM').Count | Should -Be 999
    }
}

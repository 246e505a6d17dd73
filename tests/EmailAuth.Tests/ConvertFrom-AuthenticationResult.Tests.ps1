BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
}

Describe 'ConvertFrom-AuthenticationResult' {
    It 'parses a header with its field name into AuthServId and Results' {
        $info = ConvertFrom-AuthenticationResult 'Authentication-Results: mx.example.net; spf=pass smtp.mailfrom=bounce@example.com; dkim=pass header.d=example.com header.s=s1; dmarc=pass header.from=example.com'
        $info.HeaderName | Should -Be 'Authentication-Results'
        $info.AuthServId | Should -Be 'mx.example.net'
        $info.IsValid | Should -BeTrue
        $info.Results.Method | Should -Be 'spf', 'dkim', 'dmarc'
        $info.Results[0].Properties['smtp.mailfrom'] | Should -Be 'bounce@example.com'
        $info.Results[1].Properties.'header.s' | Should -Be 's1'
        @($info.Results[1].Properties.Keys) | Should -Be 'header.d', 'header.s'
    }

    It 'reads RFC 8601 B.7, the comment-heavy example, folded' {
        $info = ConvertFrom-AuthenticationResult ("Authentication-Results: foo.example.net (foobar) 1 (baz);`r`n" +
            "    dkim (Because I like it) / 1 (One yay) = (wait for it) fail`r`n" +
            "      policy (A dot can go here) . (like that) expired`r`n" +
            "      (this surprised me) = (as I wasn't expecting it) 1362471462")
        $info.Version | Should -Be 1
        $info.Comments | Should -Be 'foobar', 'baz'
        $info.Results[0].MethodVersion | Should -Be 1
        $info.Results[0].Result | Should -Be 'fail'
        $info.Results[0].Properties['policy.expired'] | Should -Be '1362471462'
    }

    It 'takes several headers by value from the pipeline, each its own object' {
        $out = 'a.example; none', 'i=3; b.example; arc=pass', 'ARC-Authentication-Results: i=1; c.example; spf=none' | ConvertFrom-AuthenticationResult
        $out | Should -HaveCount 3
        $out[0].NoResults | Should -BeTrue
        $out[1].HeaderName | Should -Be 'ARC-Authentication-Results'
        $out[1].Instance | Should -Be 3
        $out[2].Instance | Should -Be 1
        $out[0].Instance | Should -BeNullOrEmpty
    }

    It 'folds Get-Content lines back into their fields and skips other fields' {
        $file = Join-Path $TestDrive 'headers.txt'
        Set-Content -Path $file -Value @(
            'Received: from mail.example.com (mail.example.com [192.0.2.1])',
            '    by mx.example.net; Thu, 1 Jan 2026 00:00:00 +0000',
            'Authentication-Results: mx.example.net;',
            '    spf=pass smtp.mailfrom=example.com;',
            "`tdkim=pass header.d=example.com",
            'Subject: hello',
            '',
            'Authentication-Results: body.example; none')
        $r = Invoke-InRunspace { param($f) Get-Content $f | ConvertFrom-AuthenticationResult -Verbose } -ArgumentList $file
        $r.Output | Should -HaveCount 1
        $r.Output[0].Results.Method | Should -Be 'spf', 'dkim'
        $r.Verbose -join "`n" | Should -Match 'Skipped the Received header field'
        $r.Errors | Should -BeNullOrEmpty
    }

    It 'binds Header by property name' {
        $info = [pscustomobject]@{ Header = 'x.example; spf=pass' } | ConvertFrom-AuthenticationResult
        $info.Results[0].Result | Should -Be 'pass'
    }

    It 'never errors on bad text: IsValid false and <Code>' -ForEach @(
        @{ Text = 'x.example; spf=pass (unterminated'; Code = 'AR_SYNTAX_ERROR' }
        @{ Text = "x.example; spf=pass smtp.mailfrom=a`0b"; Code = 'AR_SYNTAX_ERROR' }
        @{ Text = 'spf=pass smtp.mailfrom=example.com'; Code = 'AR_MISSING_AUTHSERV_ID' }
        @{ Text = 'x.example; dkim=softfail'; Code = 'AR_INVALID_RESULT' }
        @{ Text = 'ARC-Authentication-Results: x.example; arc=none'; Code = 'AR_ARC_INSTANCE_INVALID' }
        @{ Text = 'x.example; spf=pass reason="' + ('a' * 70000) + '"'; Code = 'AR_TOO_LONG' }
    ) {
        $info = ConvertFrom-AuthenticationResult -Header $Text -ErrorVariable errs
        $errs | Should -BeNullOrEmpty
        $info.IsValid | Should -BeFalse
        $info.Findings.Code | Should -Contain $Code
    }

    It 'reads 10,000 nested comments' {
        $nested = ('(' * 10000) + 'deep' + (')' * 10000)
        $info = ConvertFrom-AuthenticationResult "x.example; spf=pass $nested smtp.mailfrom=a.example"
        $info.IsValid | Should -BeTrue
        $info.Results[0].Properties['smtp.mailfrom'] | Should -Be 'a.example'
    }

    It 'keeps what Gmail and Microsoft write outside the grammar, with findings that leave it valid' {
        $info = ConvertFrom-AuthenticationResult 'mx.google.com; dkim=pass header.i=@example.com header.s=s1 header.b=Ab/c+D9=; dmarc=pass action=none header.from=example.com'
        $info.IsValid | Should -BeTrue
        $info.Findings.Code | Should -Be 'AR_UNQUOTED_SPECIAL', 'AR_PROPERTY_WITHOUT_PTYPE'
        $info.Results[0].Properties['header.b'] | Should -Be 'Ab/c+D9='
        $info.Results[1].Properties['action'] | Should -Be 'none'
    }

    It 'renders the table view with the results in one column' {
        $text = ConvertFrom-AuthenticationResult 'i=1; lists.example.org; spf=pass smtp.mailfrom=a.example; dkim=fail' | Out-String -Width 200
        $text | Should -Match 'AuthServId\s+i\s+Valid\s+Results'
        $text | Should -Match 'lists\.example\.org\s+1\s+True\s+spf=pass dkim=fail'
        $text = (ConvertFrom-AuthenticationResult 'x.example; dkim=pass reason="good" header.d=example.com').Results | Out-String -Width 200
        $text | Should -Match 'Method\s+Result\s+Properties\s+Reason'
        $text | Should -Match 'dkim\s+pass\s+header\.d=example\.com\s+good'
    }
}

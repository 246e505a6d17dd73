# Get-SesIdentity against the AWS emulator (tests/Emulator on 127.0.0.1: SESv2, STS, SigV4, two accounts).
BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    $aws = Start-AwsEmulator
    $A = @{ EndpointUrl = $aws.Endpoint; Credential = $aws.AccountA.Credential }
    function Initialize-Identities {
        $null = Invoke-AwsEmulatorControl $aws reset
        $null = Invoke-AwsEmulatorControl $aws identity @{ Identity = 'example.com'; Region = 'us-east-1'; VerificationStatus = 'SUCCESS'; MailFromDomain = 'mail.example.com'; MailFromStatus = 'SUCCESS' }
        $null = Invoke-AwsEmulatorControl $aws identity @{ Identity = 'user@example.net'; Region = 'us-east-1' }
        $null = Invoke-AwsEmulatorControl $aws identity @{ Identity = 'example.org'; Region = 'us-east-1'; VerificationStatus = 'FAILED'; DkimStatus = 'FAILED' }
        $null = Invoke-AwsEmulatorControl $aws identity @{ Identity = 'example.com'; Region = 'eu-west-1' }
        $null = Invoke-AwsEmulatorControl $aws identity @{ Account = 'B'; Identity = 'b.example'; Region = 'us-east-1'; VerificationStatus = 'SUCCESS' }
    }
}

AfterAll {
    Stop-AwsEmulator $aws
}

Describe 'Get-SesIdentity' {
    BeforeEach { Initialize-Identities }

    It 'lists every identity of the region, paging past the emulator''s page size of 2' {
        $ids = @(Get-SesIdentity @A -Region us-east-1)
        ($ids.Identity | Sort-Object) -join ',' | Should -Be 'example.com,example.org,user@example.net'
        $ids | ForEach-Object { $_.Account | Should -Be '111111111111'; $_.Region | Should -Be 'us-east-1' }
    }

    It 'gets a domain identity with its DKIM tokens and MAIL FROM state' {
        $i = Get-SesIdentity @A -Region us-east-1 -Identity example.com
        $i | Should -BeOfType ([EmailAuth.Core.Aws.Ses.SesIdentity])
        $i.IdentityType | Should -Be 'DOMAIN'
        $i.Domain | Should -Be 'example.com'
        $i.VerificationStatus | Should -Be 'SUCCESS'
        $i.VerifiedForSending | Should -BeTrue
        $i.Dkim.Status | Should -Be 'SUCCESS'
        $i.Dkim.Origin | Should -Be 'AWS_SES'
        @($i.Dkim.Tokens).Count | Should -Be 3
        $i.Dkim.KeyLength | Should -Be 'RSA_2048_BIT'
        $i.MailFromDomain | Should -Be 'mail.example.com'
        $i.MailFromStatus | Should -Be 'SUCCESS'
        $i.BehaviorOnMxFailure | Should -Be 'USE_DEFAULT_VALUE'
    }

    It 'reports a failed identity''s verification and DKIM status' {
        $i = Get-SesIdentity @A -Region us-east-1 example.org
        $i.VerificationStatus | Should -Be 'FAILED'
        $i.VerifiedForSending | Should -BeFalse
        $i.Dkim.Status | Should -Be 'FAILED'
    }

    It 'gives an email identity the domain after the @' {
        $i = Get-SesIdentity @A -Region us-east-1 -Identity user@example.net
        $i.IdentityType | Should -Be 'EMAIL_ADDRESS'
        $i.Domain | Should -Be 'example.net'
        @($i.Dkim.Tokens).Count | Should -Be 0
    }

    It 'takes identities from the pipeline by property name' {
        $ids = @([pscustomobject]@{ IdentityName = 'example.com' }, [pscustomobject]@{ Identity = 'example.org' }) | Get-SesIdentity @A -Region us-east-1
        $ids.Identity | Should -Be 'example.com', 'example.org'
    }

    It 'writes SesIdentityNotFound for a missing name and still returns the others' {
        $ids = Get-SesIdentity @A -Region us-east-1 -Identity missing.example, example.com -ErrorVariable err -ErrorAction SilentlyContinue
        $ids.Identity | Should -Be 'example.com'
        $err | Get-ErrorId | Should -Be 'SesIdentityNotFound'
        $err[0].TargetObject | Should -Be 'missing.example'
        $err[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
    }

    It 'asks several regions; a failing region is one AwsRegionFailed error and the others complete' {
        $null = Invoke-AwsEmulatorControl $aws disable-region @{ Region = 'ap-south-2' }
        $ids = Get-SesIdentity @A -Region us-east-1, ap-south-2, eu-west-1 -Identity example.com -ErrorVariable err -ErrorAction SilentlyContinue
        $ids.Region | Should -Be 'us-east-1', 'eu-west-1'
        @($err).Count | Should -Be 1
        $err | Get-ErrorId | Should -Be 'AwsRegionFailed'
        $err[0].TargetObject | Should -Be 'ap-south-2'
        $err[0].CategoryInfo.Category | Should -Be 'PermissionDenied'
    }

    It 'writes a malformed region name as AwsRegionFailed and asks the others' {
        $ids = Get-SesIdentity @A -Region us-east-1, 'not a region' -Identity example.com -ErrorVariable err -ErrorAction SilentlyContinue
        $ids.Region | Should -Be 'us-east-1'
        $err | Get-ErrorId | Should -Be 'AwsRegionFailed'
        $err[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
        $err[0].TargetObject | Should -Be 'not a region'
    }

    It 'assumes a role in the second account with -RoleArn and -ExternalId' {
        $i = Get-SesIdentity @A -Region us-east-1 -RoleArn $aws.RoleArn -ExternalId $aws.ExternalId -RoleSessionName pester
        $i.Identity | Should -Be 'b.example'
        $i.Account | Should -Be '222222222222'
    }

    It 'fails the region when the role''s external id is wrong' {
        $ids = Get-SesIdentity @A -Region us-east-1 -RoleArn $aws.RoleArn -ExternalId wrong -ErrorVariable err -ErrorAction SilentlyContinue
        $ids | Should -BeNullOrEmpty
        $err | Get-ErrorId | Should -Be 'AwsRegionFailed'
        "$($err[0])" | Should -Match 'AssumeRole|AccessDenied'
    }

    It 'uses the access key of -Credential (account B)' {
        $i = Get-SesIdentity -EndpointUrl $aws.Endpoint -Credential $aws.AccountB.Credential -Region us-east-1
        $i.Identity | Should -Be 'b.example'
        $i.Account | Should -Be '222222222222'
    }

    It 'retries throttling (two 429 TooManyRequestsException answers) and succeeds' {
        $null = Invoke-AwsEmulatorControl $aws fault @{ Service = 'ses'; Kind = 'Throttle'; Count = 2 }
        $i = Get-SesIdentity @A -Region us-east-1 -Identity example.com -ErrorVariable err
        $i.Identity | Should -Be 'example.com'
        $err | Should -BeNullOrEmpty
    }

    It 'refuses -ExternalId without -RoleArn' {
        { Get-SesIdentity @A -Region us-east-1 -ExternalId x -ErrorAction Stop } | Should -Throw -ErrorId 'AwsRoleParameterWithoutRole,*'
    }
}

Describe 'Get-SesIdentity secrets' {
    BeforeAll { Initialize-Identities }

    It 'never shows a secret access key in output, verbose text or errors (<Case>)' -ForEach @(
        @{ Case = 'wrong secret'; Script = 'Get-SesIdentity -EndpointUrl $endpoint -Credential $bad -Region us-east-1, eu-west-1 -Verbose' }
        @{ Case = 'role refused'; Script = 'Get-SesIdentity -EndpointUrl $endpoint -Credential $good -Region us-east-1 -RoleArn $role -ExternalId nope -Verbose' }
        @{ Case = 'success'; Script = 'Get-SesIdentity -EndpointUrl $endpoint -Credential $good -Region us-east-1 -Verbose | Format-List * | Out-String' }
    ) {
        $badSecret = 'wrong/secret+' + [guid]::NewGuid().ToString('N')
        $bad = [pscredential]::new($aws.AccountA.AccessKeyId, (ConvertTo-SecureString $badSecret -AsPlainText -Force))
        $r = Invoke-InRunspace -Script $Script -Variable @{ endpoint = $aws.Endpoint; bad = $bad; good = $aws.AccountA.Credential; role = $aws.RoleArn }
        $errorText = $r.Errors | ForEach-Object {
            "$_"; $_.ErrorDetails.Message; $_.ErrorDetails.RecommendedAction
            for ($e = $_.Exception; $e; $e = $e.InnerException) { $e.Message; $e.ToString() }
        }
        $all = (@($r.Output | Out-String) + $r.Verbose + $r.Warnings + $errorText) -join "`n"
        if ($Case -ne 'success') { $r.Errors | Should -Not -BeNullOrEmpty }
        $r.Verbose | Should -Not -BeNullOrEmpty
        $all | Should -Not -Match ([regex]::Escape($aws.AccountA.SecretAccessKey))
        $all | Should -Not -Match ([regex]::Escape($badSecret))
        $all | Should -Not -Match ([regex]::Escape($aws.AccountA.AccessKeyId))
    }
}

Describe 'Get-SesIdentity tab completion' {
    It 'completes -Region from the SDK''s region list' {
        $line = 'Get-SesIdentity -Region eu-we'
        $r = TabExpansion2 -inputScript $line -cursorColumn $line.Length
        $r.CompletionMatches.CompletionText | Should -Contain 'eu-west-1'
        $r.CompletionMatches.CompletionText | Should -Not -Contain 'us-east-1'
    }

    It 'completes -ProfileName with the names of usable profiles only, never their keys' {
        $dir = Join-Path ([IO.Path]::GetTempPath()) "emailauth-aws-$([guid]::NewGuid().ToString('N'))"
        $null = New-Item -ItemType Directory $dir
        $saved = $env:AWS_SHARED_CREDENTIALS_FILE, $env:AWS_CONFIG_FILE
        try {
            Set-Content (Join-Path $dir 'credentials') "[emailauth-one]`naws_access_key_id = AKIAPROFILEONE000000`naws_secret_access_key = profile/secret/one`n"
            # An assume-role profile is usable; one with only a region has no credentials and is not offered.
            Set-Content (Join-Path $dir 'config') "[profile emailauth-two]`nrole_arn = arn:aws:iam::222222222222:role/X`nsource_profile = emailauth-one`n[profile emailauth-region-only]`nregion = eu-west-1`n"
            $env:AWS_SHARED_CREDENTIALS_FILE = Join-Path $dir 'credentials'
            $env:AWS_CONFIG_FILE = Join-Path $dir 'config'
            # A new pwsh, as a user opening a shell with these files: AWSSDK.Core does not see a change of
            # AWS_SHARED_CREDENTIALS_FILE after the first profile lookup in a process (docs/AWS-NOTES-additions.md).
            $r = Invoke-Pwsh -Command "Import-Module '$ModuleManifest'; `$l = 'Get-SesIdentity -ProfileName emailauth-'; (TabExpansion2 -inputScript `$l -cursorColumn `$l.Length).CompletionMatches | ForEach-Object { `$_.CompletionText + '|' + `$_.ToolTip + '|' + `$_.ListItemText }"
            $r.ExitCode | Should -Be 0
            $r.Output | ForEach-Object { $_.Split('|')[0] } | Sort-Object | Should -Be 'emailauth-one', 'emailauth-two'
            $r.Text | Should -Not -Match 'secret|AKIA'
        }
        finally {
            $env:AWS_SHARED_CREDENTIALS_FILE, $env:AWS_CONFIG_FILE = $saved
            Remove-Item $dir -Recurse -Force
        }
    }
}

Describe 'Get-SesIdentity display' {
    BeforeAll { Initialize-Identities }

    It 'has a table view that fits 80 columns' {
        $text = Get-SesIdentity @A -Region us-east-1 -Identity example.com | Format-Table | Out-String -Width 80
        $text | Should -Match 'Identity\s+Account\s+Region\s+Status\s+Dkim\s+MailFrom'
        $text | Should -Match 'example\.com\s+111111111111\s+us-east-1\s+SUCCESS\s+SUCCESS\s+SUCCESS'
        $text | Should -Not -Match '…'
    }

    It 'has a default display set' {
        $set = (Get-SesIdentity @A -Region us-east-1 -Identity example.com).PSStandardMembers.DefaultDisplayPropertySet.ReferencedPropertyNames
        $set | Should -Contain 'Identity'
        $set | Should -Contain 'VerificationStatus'
        $set | Should -Not -Contain 'Tags'
    }
}

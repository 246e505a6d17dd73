# The module as a whole: manifest, exports, files, format and type data, documented finding codes.
BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
}

Describe 'EmailAuth module' {
    It 'has a valid built manifest with the build version' {
        $info = Test-ModuleManifest -Path $ModuleManifest
        "$($info.Version)" | Should -Be $Version
        Split-Path -Leaf $info.RootModule | Should -Be 'EmailAuth.dll'
        [System.Reflection.AssemblyName]::GetAssemblyName((Join-Path $ModuleBase 'EmailAuth.dll')).Version.ToString(3) | Should -Be $Version
    }

    It 'exports exactly the cmdlets the assembly implements, and no functions or aliases' {
        $module = Get-Module EmailAuth
        $implemented = $module.ImplementingAssembly.GetTypes() |
            ForEach-Object { $_.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false) } |
            ForEach-Object { "$($_.VerbName)-$($_.NounName)" } | Sort-Object
        $exported = (Test-ModuleManifest -Path $ModuleManifest).ExportedCmdlets.Keys | Sort-Object
        $exported | Should -Be $implemented
        (Get-Command -Module EmailAuth -CommandType Cmdlet).Name | Sort-Object | Should -Be $exported
        $module.ExportedFunctions.Keys | Should -BeNullOrEmpty
        # Aliases: only those the issues ask for, each declared on its cmdlet class and listed in the manifest.
        $module.ExportedAliases.Keys | Sort-Object | Should -Be @('Sync-SesDnsRecords')
    }

    It 'has a Pester file for every exported cmdlet' {
        $files = (Get-ChildItem $PSScriptRoot -Filter '*.Tests.ps1').Name
        (Get-Command -Module EmailAuth -CommandType Cmdlet).Name | Where-Object { "$_.Tests.ps1" -notin $files } | Should -BeNullOrEmpty
    }

    It 'ships dependencies, help, samples and the licence but not the engine' {
        $files = Get-ChildItem $ModuleBase -Recurse -File | ForEach-Object { [IO.Path]::GetRelativePath($ModuleBase, $_.FullName).Replace('\', '/') }
        # AWSSDK.SecurityToken, SSO and SSOOIDC are loaded by name by AWSSDK.Core (assume-role and SSO profiles).
        foreach ($expected in 'EmailAuth.psd1', 'EmailAuth.dll', 'EmailAuth.Core.dll', 'DnsClient.dll', 'LICENSE',
                 'AWSSDK.Core.dll', 'AWSSDK.SecurityToken.dll', 'AWSSDK.SSO.dll', 'AWSSDK.SSOOIDC.dll', 'BouncyCastle.Cryptography.dll',
                 'EmailAuth.format.ps1xml', 'EmailAuth.types.ps1xml', 'EmailAuth.dll-Help.xml', 'en-US/EmailAuth.dll-Help.xml',
                 'en-US/about_EmailAuth.help.txt', 'Samples/example.com.zone', 'Samples/Demo.ps1') {
            $files | Should -Contain $expected
        }
        $files | Where-Object { $_ -like 'System.Management.Automation*' } | Should -BeNullOrEmpty
    }

    It 'carries the MIT licence, and no placeholder project or licence URI' {
        Get-Content -Raw (Join-Path $ModuleBase 'LICENSE') | Should -Match 'MIT License'
        (Get-Content -Raw (Join-Path $RepoRoot 'LICENSE')) | Should -Be (Get-Content -Raw (Join-Path $ModuleBase 'LICENSE'))
        $psData = (Import-PowerShellDataFile $ModuleManifest).PrivateData.PSData
        $psData.Keys | Should -Not -Contain 'ProjectUri'
        $psData.Keys | Should -Not -Contain 'LicenseUri'
    }

    It 'names only real properties in types.ps1xml and format.ps1xml' {
        $core = [EmailAuth.Core.Spf.SpfRecordInfo].Assembly
        $checked = 0
        $types = [xml](Get-Content -Raw (Join-Path $ModuleBase 'EmailAuth.types.ps1xml'))
        foreach ($type in $types.Types.Type) {
            $clr = $core.GetType($type.Name, $true)
            foreach ($name in $type.SelectNodes('.//ReferencedProperties/Name')) {
                $clr.GetProperty($name.InnerText) | Should -Not -BeNullOrEmpty -Because "$($clr.Name) is said to have $($name.InnerText) (types.ps1xml)"
                $checked++
            }
        }
        $formats = [xml](Get-Content -Raw (Join-Path $ModuleBase 'EmailAuth.format.ps1xml'))
        foreach ($view in $formats.SelectNodes('//View')) {
            $clr = $core.GetType($view.ViewSelectedBy.TypeName, $true)
            foreach ($name in $view.SelectNodes('.//PropertyName')) {
                $clr.GetProperty($name.InnerText) | Should -Not -BeNullOrEmpty -Because "$($clr.Name) is said to have $($name.InnerText) (format.ps1xml)"
                $checked++
            }
        }
        $checked | Should -BeGreaterThan 20
    }

    It 'applies the default display set to output types' {
        [EmailAuth.Core.Spf.SpfRecordInfo]::new().PSStandardMembers.DefaultDisplayPropertySet.ReferencedPropertyNames |
            Should -Be 'Domain', 'Record', 'IsValid', 'DnsLookupCount', 'VoidLookupCount', 'Findings'
        [EmailAuth.Core.Dkim.DkimKeyInfo]::new().PSStandardMembers.DefaultDisplayPropertySet.ReferencedPropertyNames |
            Should -Be 'Domain', 'Selector', 'Name', 'CnameChain', 'KeyType', 'KeyBits', 'Flags', 'Revoked', 'IsValid', 'Guessed', 'Findings'
    }

    It 'renders every output type through its table view' {
        $text = @(
            Get-SpfRecord example.com -ZoneFile $Zone
            Test-SpfHost -IPAddress 198.51.100.7 -Sender alice@example.com -ZoneFile $Zone
            (Get-SpfRecord open.example.com -ZoneFile $Zone).Findings
            (ConvertFrom-SpfRecord 'v=spf1 mx -all').Terms
            Get-DkimRecord example.com -Selector selector2 -ZoneFile $Zone
        ) | ForEach-Object { $_ | Out-String -Width 200 }
        $text[-1] | Should -Match 'Domain\s+Selector\s+KeyType\s+KeyBits\s+IsValid\s+Guessed\s+Findings'
        $text[-1] | Should -Match 'selector2\s+rsa\s+1024\s+True\s+False\s+DKIM_KEY_UNDER_2048'
        $text[0] | Should -Match 'Domain\s+IsValid\s+Lookups\s+Findings\s+Record'
        $text[1] | Should -Match 'Domain\s+IPAddress\s+Result\s+MatchedTerm'
        $text[2] | Should -Match 'Critical\s+SPF_PASS_ALL'
        $text[3] | Should -Match 'Position'
    }

    It 'documents every finding code of every *FindingCodes class in docs/finding-codes.md and about_EmailAuth' {
        # Found by reflection, so a new code class (or a new code) must be documented before this passes.
        $core = [EmailAuth.Core.Audit.Finding].Assembly
        $classes = @($core.GetExportedTypes() | Where-Object { $_.Name.EndsWith('FindingCodes') })
        $classes.Name | Should -Contain 'SpfFindingCodes'
        $classes.Name | Should -Contain 'SesFindingCodes'
        $codes = @($classes | ForEach-Object { $_.GetFields() } | Where-Object { $_.IsLiteral -and $_.FieldType -eq [string] } |
            ForEach-Object { $_.GetRawConstantValue() })
        $codes | Should -Contain 'SPF_TOO_MANY_LOOKUPS'
        $codes | Should -Contain 'MTASTS_NO_TXT'
        $codes.Count | Should -BeGreaterThan 150
        $doc = Get-Content -Raw (Join-Path $RepoRoot 'docs' 'finding-codes.md')
        $about = Get-Content -Raw (Join-Path $ModuleBase 'en-US' 'about_EmailAuth.help.txt')
        # One table row per code, in docs/finding-codes.md under a "## " heading.
        $codes | Where-Object { $doc -notmatch "(?m)^\| ``$_`` \| (Info|Warning|Error|Critical)" } |
            Should -BeNullOrEmpty -Because 'docs/finding-codes.md has a row (code, severity, meaning, reference) for every code'
        $codes | Where-Object { $about -notmatch "\b$_\b" } | Should -BeNullOrEmpty -Because 'about_EmailAuth lists every code'
        $readme = Get-Content -Raw (Join-Path $RepoRoot 'README.md')
        $readme | Should -Match '\(docs/finding-codes\.md\)' -Because 'README links to the code tables instead of listing them'
    }

    It 'ships the Public Suffix List licence (MPL-2.0) beside the module' {
        Get-Content -Raw (Join-Path $ModuleBase 'ThirdParty' 'PublicSuffixList' 'LICENSE-MPL2') | Should -Match 'Mozilla Public License'
        Get-Content -Raw (Join-Path $ModuleBase 'ThirdParty' 'PublicSuffixList' 'README.md') | Should -Match 'e8c9a2b2b2856b6449999dd0ec0d118f364ed0cd'
    }

    It 'applies the default display set and table view to the DMARC types' {
        [EmailAuth.Core.Dmarc.DmarcPolicyInfo]::new().PSStandardMembers.DefaultDisplayPropertySet.ReferencedPropertyNames |
            Should -Contain 'EffectivePolicy'
        $text = Get-DmarcPolicy example.com -ZoneFile $Zone | Out-String -Width 200
        $text | Should -Match 'Domain\s+IsValid\s+PolicyDomain\s+Policy\s+Effective'
        $text = Resolve-OrganizationalDomain www.example.com -ZoneFile $Zone | Out-String -Width 200
        $text | Should -Match 'Domain\s+OrganizationalDomain\s+Method'
    }
}

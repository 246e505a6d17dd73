# A page rendered by Debian's chromium (headless), for the HTML report tests: what a reader sees.

function Invoke-HeadlessChromium {
    <#
    Loads $Path in headless chromium and returns Dom (the DOM after load, and after any script would have run), Text
    (that DOM's text content: tags removed, entities decoded, whitespace collapsed) and Screenshot (a PNG of the page).
    #>
    param([Parameter(Mandatory)] [string] $Path, [int] $Height = 2000)
    $chromium = Get-RequiredPeer chromium
    $work = Split-Path -Parent $Path
    $profileDir = Join-Path $work 'chromium-profile'
    $dom = & $chromium --headless --no-sandbox --disable-gpu --user-data-dir=$profileDir --dump-dom "file://$Path" 2>$null | Out-String
    $shot = Join-Path $work ([IO.Path]::GetFileNameWithoutExtension($Path) + '.png')
    $null = & $chromium --headless --no-sandbox --disable-gpu --user-data-dir=$profileDir --window-size=1280,$Height --screenshot=$shot "file://$Path" 2>&1
    [pscustomobject]@{
        Dom        = $dom
        Text       = [System.Net.WebUtility]::HtmlDecode(($dom -replace '<[^>]+>', ' ')) -replace '\s+', ' '
        Screenshot = $shot
    }
}

namespace Bpf.Veristat;

/// <summary>Reads input files, mapping failures to the errno veristat would print.</summary>
internal static class InputFiles
{
    /// <summary>Returns 0 or a negative errno.</summary>
    public static int TryRead(string path, string? workingDirectory, out byte[] content)
    {
        content = [];
        string full = workingDirectory != null && !Path.IsPathRooted(path) ? Path.Combine(workingDirectory, path) : path;
        try
        {
            if (Directory.Exists(full))
                return -Errno.EISDIR;
            content = File.ReadAllBytes(full);
            return 0;
        }
        catch (FileNotFoundException)
        {
            return -Errno.ENOENT;
        }
        catch (DirectoryNotFoundException)
        {
            return -Errno.ENOENT;
        }
        catch (UnauthorizedAccessException)
        {
            return -Errno.EACCES;
        }
        catch (IOException)
        {
            return -Errno.EINVAL;
        }
    }
}

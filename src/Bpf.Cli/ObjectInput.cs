using Bpf.Btf;
using Bpf.Object;

namespace Bpf.Cli;

/// <summary>Loads an object for a command, turning every load failure into the one-line <c>bpfv: FILE: problem</c> report.</summary>
public static class ObjectInput
{
    public static ObjectSpec? TryLoad(CommandContext context, string path)
    {
        var options = context.Options.LoadOptions(); // option files fail on their own, not as this object
        try
        {
            return ObjectLoader.Load(path, options);
        }
        catch (ObjectFormatException e)
        {
            context.Fail(path, e.Message);
        }
        catch (FileNotFoundException)
        {
            context.Fail(path, "No such file");
        }
        catch (DirectoryNotFoundException)
        {
            context.Fail(path, "No such file or directory");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or BtfException)
        {
            context.Fail(path, e.Message);
        }
        return null;
    }
}
